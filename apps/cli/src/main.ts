#!/usr/bin/env node
/** `survey`: the service's command line. Commander gives us help, usage errors and exit code 2. */
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { AGENCY_HEADER_NAMES, agencyImport, ConfigError, DEFAULT_TOKEN_MAX_LIFETIME_DAYS, ENTERPRISE_HEADER_NAMES, enterpriseImport, loadConfig, Role, ROLES, signToken, startupLine } from '@survey/application';
import { creditCodeProblem } from '@survey/domain';
import { demoSecret } from './demo/demo-secret';
import { runDemo } from './demo/run-demo';
import { say, tell, usageExits2 } from './conventions';
import { cliLogger } from './cli-context';
import { runImport } from './import/run-import';
import { registerVerify } from './verify/verify-command';
import { runRebuild } from './rebuild/run-rebuild';
import { inviteCommand } from './invite/invite-command';
import { linkCommand } from './link/link-command';
import { registerBackup } from './backup/backup-command';

const program = usageExits2(new Command('survey'))
  .description('Event-sourced satisfaction-survey service: demo data, imports, invitations, tokens and links, rebuilds, audits and backups');

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
  .option('--ttl <seconds>', 'lifetime in seconds, at most TOKEN_MAX_LIFETIME_DAYS (30 days by default)', integer, 3600)
  .option('--agency <agencyId>', 'for role agency (required there): the agency whose cases and requests the token works')
  .action((role: string, sub: string, opts: { ttl: number; agency?: string }) => {
    if (!ROLES.includes(role as Role)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
    const problem = role === 'enterprise' ? creditCodeProblem(sub) : null;
    if (problem) throw new InvalidArgumentError(`an enterprise's sub is its credit code, and ${sub} ${problem}`);
    if (role === 'agency' && !opts.agency) throw new InvalidArgumentError('an agency token needs --agency <agencyId>');
    if (role !== 'agency' && opts.agency !== undefined) throw new InvalidArgumentError('--agency is for role agency only');
    const base = loadConfig(process.env, { requireSecret: false });
    // The API refuses a token that lives longer: do not print one it would refuse.
    const maxDays = base.tokenMaxLifetimeDays ?? DEFAULT_TOKEN_MAX_LIFETIME_DAYS;
    if (opts.ttl > maxDays * 86_400) throw new InvalidArgumentError(`--ttl must be at most ${maxDays * 86_400} s (TOKEN_MAX_LIFETIME_DAYS is ${maxDays})`);
    say(signToken({ role: role as Role, sub, agencyId: opts.agency }, demoSecret(base.dataDir), opts.ttl));
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
    ...Object.values(ENTERPRISE_HEADER_NAMES).map((names) => `  ${names.join(' | ')}`),
    'industry is a GB/T 4754 section letter A-T; size is micro, small, medium or large.',
    'Bad rows are reported on stderr as "line N, column C: reason" while good rows go in.',
    'Exit code: 0 every row went in, 1 some rows were rejected, 2 usage (no such file, unreadable header).',
  ].join('\n'))
  .action(async (file: string, opts: { errors?: string; json?: boolean }) => {
    const config = loadConfig(process.env, { requireSecret: false });
    process.exitCode = await runImport(config, enterpriseImport, file, { errors: opts.errors, json: opts.json === true });
  });

importer
  .command('agencies')
  .description("add or rename one campaign's agencies from a CSV file, while the campaign is scheduled or open; re-importing the same file changes nothing")
  .argument('<file.csv>', 'UTF-8, with or without BOM; a header row, then one agency per row')
  .requiredOption('--campaign <id>', 'the campaign whose agencies these are')
  .option('--errors <file.csv>', 'also write the rejected rows as CSV: line,column,reason')
  .option('--json', 'print the summary as JSON {rows, added, renamed, unchanged, rejected}')
  .addHelpText('after', [
    '',
    'Header (any order, names case-insensitive, English or Chinese):',
    ...Object.values(AGENCY_HEADER_NAMES).map((names) => `  ${names.join(' | ')}`),
    'agency_id is lower-case letters, digits and hyphens (at most 63); an id the campaign has is renamed, a new one added.',
    'Agencies are never removed: ballots and reports are keyed by their ids.',
    'Bad rows are reported on stderr as "line N, column C: reason" while good rows go in.',
    'Exit code: 0 every row went in, 1 some rows were rejected, 2 usage (no such file or campaign, campaign closed, unreadable header).',
  ].join('\n'))
  .action(async (file: string, opts: { campaign: string; errors?: string; json?: boolean }) => {
    const config = loadConfig(process.env, { requireSecret: false });
    process.exitCode = await runImport(config, agencyImport(opts.campaign), file, { errors: opts.errors, json: opts.json === true });
  });

registerVerify(program);

program
  .command('rebuild')
  .description('replay the whole log into fresh read models while the running service keeps serving the old ones, then switch')
  .argument('[projection]', 'rebuild only this projection (default: every projection, one after another)')
  .option('--json', 'print the outcome as JSON {projections: [{projection, outcome, generation, previous, position, ...}]}')
  .option('--max-rate <events/s>', 'fold at most this many events per second (leaves room for the API)', integer)
  .addHelpText('after', [
    '',
    'The API (or apps/projector) may keep running: its projector moves to the new read models',
    'at the switch. Progress (events/s, ETA) goes to stderr. Ctrl-C stops at the end of the',
    'batch in hand; running the same command again resumes where it stopped.',
    'Exit code: 0 switched, 2 usage or configuration, 130 interrupted (resumable),',
    '1 another rebuild of the projection is running, or another failure.',
  ].join('\n'))
  .action(async (projection: string | undefined, opts: { json?: boolean; maxRate?: number }) => {
    if (opts.maxRate === 0) throw new InvalidArgumentError('--max-rate must be at least 1');
    const config = loadConfig(process.env, { requireSecret: false });
    process.exitCode = await runRebuild(config, projection, opts);
  });

program.addCommand(inviteCommand());
program.addCommand(linkCommand());

registerBackup(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const line = error instanceof InvalidArgumentError ? error.message : startupLine(error);
  if (line) tell(line);
  else cliLogger().fatal({ err: error }, 'survey failed');
  process.exit(line ? 2 : 1);
});
