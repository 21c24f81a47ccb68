#!/usr/bin/env node
/** `survey`: the service's command line. Commander gives us help, usage errors and exit code 2. */
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, Role, ROLES, signToken, startupLine } from '@survey/application';
import { creditCodeProblem } from '@survey/domain';
import { demoSecret } from './demo/demo-secret';
import { runDemo } from './demo/run-demo';
import { HEADER_NAMES } from './import/enterprise-rows';
import { runImportEnterprises, UsageError } from './import/run-import';
import { inviteCommand } from './invite/invite-command';

const program = new Command('survey')
  .description('Event-sourced satisfaction-survey service: demo data, imports, tokens')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

const integer = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
};

program
  .command('demo')
  .description('seed the 2018 and 2019 campaigns (60,512 enterprises) through the command path, then serve the API')
  .option('--seed <n>', 'seed of the generated data', integer, 2019)
  .option('--no-serve', 'stop after seeding and printing the headline')
  .action(async (opts: { seed: number; serve: boolean }) => {
    const base = loadConfig(process.env, { requireSecret: false });
    // The demo is the embedded setup: it must not write 60,000 enterprises into a real cluster.
    const production = base.eventStoreUrl ? 'EVENTSTORE_URL' : base.mongoUrl ? 'MONGODB_URL' : null;
    if (production) throw new ConfigError(production, 'is set, but the demo runs on the embedded stores only: unset it');
    await runDemo({ ...base, jwtSecret: demoSecret(base.dataDir) }, opts);
  });

program
  .command('token')
  .description('print a signed token (HS256, SURVEY_JWT_SECRET or the demo secret in DATA_DIR)')
  .argument('<role>', `one of ${ROLES.join(', ')}`)
  .argument('<sub>', 'subject: a user id, or an enterprise credit code')
  .option('--ttl <seconds>', 'lifetime in seconds', integer, 3600)
  .action((role: string, sub: string, opts: { ttl: number }) => {
    if (!ROLES.includes(role as Role)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
    const problem = role === 'enterprise' ? creditCodeProblem(sub) : null;
    if (problem) throw new InvalidArgumentError(`an enterprise's sub is its credit code, and ${sub} ${problem}`);
    const base = loadConfig(process.env, { requireSecret: false });
    console.log(signToken({ role: role as Role, sub }, demoSecret(base.dataDir), opts.ttl));
  });

// Usage and configuration errors are one line and exit 2; anything else is a failure (1).
const importer = program.command('import').description('bulk imports from CSV files, through the same commands as the API');

importer
  .command('enterprises')
  .description('register or update enterprises from a CSV file (streamed); re-importing the same file changes nothing')
  .argument('<file.csv>', 'UTF-8, with or without BOM; a header row, then one enterprise per row')
  .option('--errors <file.csv>', 'also write the rejected rows as CSV: line,column,reason')
  .option('--json', 'print the summary as JSON {rows, registered, changed, unchanged, rejected}')
  .addHelpText('after', [
    '',
    'Header (any order, names case-insensitive, English or Chinese):',
    ...Object.values(HEADER_NAMES).map((names) => `  ${names.join(' | ')}`),
    'industry is a GB/T 4754 section letter A-T; size is micro, small, medium or large.',
    'Bad rows are reported on stderr as "line N, column C: reason" while good rows go in.',
    'Exit code: 0 every row went in, 1 some rows were rejected, 2 usage (no such file, unreadable header).',
  ].join('\n'))
  .action(async (file: string, opts: { errors?: string; json?: boolean }) => {
    const config = loadConfig(process.env, { requireSecret: false });
    try {
      process.exitCode = await runImportEnterprises(config, file, { errors: opts.errors, json: opts.json === true });
    } catch (error) {
      throw error instanceof UsageError ? new InvalidArgumentError(error.message) : error;
    }
  });

program.addCommand(inviteCommand(integer));

program.parseAsync(process.argv).catch((error: unknown) => {
  const line = error instanceof InvalidArgumentError ? error.message : startupLine(error);
  console.error(line ?? error);
  process.exit(line ? 2 : 1);
});
