/**
 * `survey verify`: checks published figures against a replay of the log. Registered on the
 * program from main.ts; each check is an option or argument of this one command (the chain walk,
 * `--chain`, joins here), and the exit code is the worst of the checks: 0 ok, 1 something does
 * not reproduce, 2 usage or configuration (main.ts's handler).
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '@survey/application';
import { runVerifyFigures } from './run-verify';

export interface VerifyOptions {
  json?: boolean;
}

export function registerVerify(program: Command): Command {
  return program
    .command('verify')
    .description('replay the log and check, figure by figure, that the published results of a campaign reproduce')
    .argument('[campaignId]', 'the campaign whose published figures to verify')
    .option('--json', 'print the whole report as JSON on stdout (every figure, the methodology, the live read models)')
    .addHelpText('after', [
      '',
      'Replays the event log up to the position ResultsPublished recorded, with the current code, in',
      'memory (the live read models are not used for it), and compares every published figure; checks',
      'the methodology hash (formula version, scale, questions); and compares the live read models with',
      'a replay up to their checkpoint (lag behind the log is reported, not counted as a failure).',
      'Progress goes to stderr. Reads DATA_DIR / EVENTSTORE_URL / MONGODB_URL like the API.',
      'Exit code: 0 every published figure reproduces, 1 some figure does not, 2 usage (unknown or',
      'unpublished campaign, bad configuration).',
    ].join('\n'))
    .action(async (campaignId: string | undefined, opts: VerifyOptions) => {
      if (!campaignId) throw new InvalidArgumentError('verify needs a campaign id: survey verify <campaignId>');
      const config = loadConfig(process.env, { requireSecret: false });
      process.exitCode = await runVerifyFigures(config, campaignId, { json: opts.json === true });
    });
}
