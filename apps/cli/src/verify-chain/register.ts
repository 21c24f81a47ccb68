/**
 * Registers `survey verify [campaignId] --chain`. Figure verification (`survey verify <campaignId>`)
 * comes with the audit work; this file answers for the chain only.
 */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '@survey/application';
import { parsePrintedSeal, runVerifyChain, VerifyUsageError } from './run-verify-chain';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check the log: --chain walks every stream\'s hash chain and the seals')
    .argument('[campaignId]', 'a published campaign whose figures to reproduce (not in this build: use --chain)')
    .option('--chain', 'walk the hash chain of every stream and the seals; name the first event that does not match')
    .option('--seal <position:hash>', 'also check a printed seal: the log must give this rolling hash at this position')
    .option('--json', 'print the report as one JSON object')
    .addHelpText('after', [
      '',
      'Reads DATA_DIR/events.db read-only, as stored (bytes, not upcasted). Progress goes to stderr.',
      'A seal printed in a report is checked with --seal <position>:<rollingHash>, e.g. --seal 630377:9f2c…',
      'Exit code: 0 intact, 1 the chain or a seal is broken (the first break is named), 2 usage or configuration.',
    ].join('\n'))
    .action((campaignId: string | undefined, opts: { chain?: boolean; json?: boolean; seal?: string }) => {
      if (!opts.chain) {
        throw new InvalidArgumentError(campaignId ? 'verifying published figures is not in this build: use --chain' : 'say what to verify: --chain');
      }
      const config = loadConfig(process.env, { requireSecret: false });
      try {
        const seal = opts.seal === undefined ? undefined : parsePrintedSeal(opts.seal);
        process.exitCode = runVerifyChain(config, { json: opts.json === true, seal });
      } catch (error) {
        throw error instanceof VerifyUsageError ? new InvalidArgumentError(error.message) : error;
      }
    });
}
