/**
 * `survey verify`: one command for both audits. With a campaign id it checks the published figures
 * against a replay of the log; with `--chain` it walks every stream's hash chain and the seals; with
 * both it does both, chain first. The exit code is the worst of the checks: 0 ok, 1 something does
 * not reproduce or the chain breaks, 2 usage or configuration (main.ts's handler).
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '@survey/application';
import { parsePrintedSeal, runVerifyChain } from '../verify-chain/run-verify-chain';
import { runVerifyFigures } from './run-verify';

export interface VerifyOptions {
  chain?: boolean;
  seal?: string;
  json?: boolean;
}

export function registerVerify(program: Command): Command {
  return program
    .command('verify')
    .description('replay the log and check that the published figures of a campaign reproduce (and, with --chain, that no event was altered, moved or removed)')
    .argument('[campaignId]', 'the campaign whose published figures to verify')
    .option('--chain', 'walk the hash chain of every stream and the seals; name the first event that does not match')
    .option('--seal <position:hash>', 'with --chain: also check a printed seal (the log must give this rolling hash at this position)')
    .option('--json', 'print each report as JSON on stdout (with both checks: the chain report, then the figures report, one per line)')
    .addHelpText('after', [
      '',
      'Figures: replays the event log up to the position ResultsPublished recorded, with the current code,',
      'in memory (the live read models are not used for it), and compares every published figure; checks',
      'the methodology hash (formula version, scale, questions); and compares the live read models with',
      'a replay up to their checkpoint (lag behind the log is reported, not counted as a failure).',
      'Chain: reads DATA_DIR/events.db read-only, as stored (bytes, not upcasted). A seal printed in a',
      'report is checked with --seal <position>:<rollingHash>, e.g. --seal 630377:9f2c…',
      'Progress goes to stderr. Reads DATA_DIR / EVENTSTORE_URL / MONGODB_URL like the API.',
      'Exit code: 0 everything checked holds, 1 some figure does not reproduce or the chain or a seal is',
      'broken (the first break is named), 2 usage (nothing to verify, unknown or unpublished campaign,',
      'bad configuration).',
    ].join('\n'))
    .action(async (campaignId: string | undefined, opts: VerifyOptions) => {
      if (!campaignId && !opts.chain) throw new InvalidArgumentError('say what to verify: survey verify <campaignId>, survey verify --chain, or both');
      if (opts.seal !== undefined && !opts.chain) throw new InvalidArgumentError('--seal goes with --chain');
      const config = loadConfig(process.env, { requireSecret: false });
      let code = 0;
      if (opts.chain) {
        const seal = opts.seal === undefined ? undefined : parsePrintedSeal(opts.seal);
        code = Math.max(code, runVerifyChain(config, { json: opts.json === true, seal }));
      }
      if (campaignId) code = Math.max(code, await runVerifyFigures(config, campaignId, { json: opts.json === true }));
      process.exitCode = code;
    });
}
