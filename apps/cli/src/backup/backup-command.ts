/** `survey backup <dir>` and `survey restore <dir> [--force]`: the embedded stores, copied out and put back. */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '@survey/application';
import { EXIT, printResult } from '../conventions';
import { describeBackup, runBackup } from './run-backup';
import { describeRestore, runRestore } from './run-restore';

const mibPerSecond = (value: string) => {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('must be a positive number of MiB per second');
  return Number(value);
};

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy DATA_DIR/events.db and read-models.db into a new directory, consistently, while the service runs')
    .argument('<dir>', 'a new or empty directory; gets events.db, read-models.db and manifest.json')
    .option('--json', 'print the manifest as JSON')
    .option('--max-rate <MiB/s>', 'copy at most this many MiB per second (e.g. 20, or 0.5), to leave the disk to the service', mibPerSecond)
    .addHelpText('after', [
      '',
      'The service may keep serving and taking submissions: the copy runs in this process with its own',
      'connections (SQLite\'s online backup API, one snapshot per file). read-models.db is copied first,',
      'then events.db, so the read models in a backup are never ahead of its log. manifest.json (written',
      'last) holds the log\'s head, the projections\' checkpoints, each file\'s size and SHA-256.',
      'Progress (pages) goes to stderr.',
      'Exit code: 0 done, 2 usage (directory not empty, no data directory, EVENTSTORE_URL or MONGODB_URL set), 1 another failure.',
    ].join('\n'))
    .action(async (dir: string, opts: { json?: boolean; maxRate?: number }) => {
      const config = loadConfig(process.env, { requireSecret: false });
      const manifest = await runBackup(config, dir, { maxMiBPerSecond: opts.maxRate });
      printResult(opts.json, manifest, () => describeBackup(manifest, dir));
    });

  program
    .command('restore')
    .description('put a backup\'s events.db and read-models.db into DATA_DIR, after checking them against its manifest')
    .argument('<dir>', 'a directory made by survey backup')
    .option('--force', 'replace events.db and read-models.db of a DATA_DIR that holds files (never one a running process has open)')
    .option('--json', 'print the outcome as JSON {outcome, dataDir, from, log, checkpoints} or {outcome, reason, message}')
    .addHelpText('after', [
      '',
      'Refused while a process (the API, apps/projector, a survey command) has DATA_DIR open, whatever',
      'the options: stop the service first. Start it afterwards: its projections fold what the read',
      'models of the backup had not folded yet.',
      'Exit code: 0 restored, 1 refused (files not matching the manifest, DATA_DIR in use) or another failure,',
      '2 usage (not a backup, DATA_DIR not empty without --force, EVENTSTORE_URL or MONGODB_URL set).',
    ].join('\n'))
    .action(async (dir: string, opts: { force?: boolean; json?: boolean }) => {
      const config = loadConfig(process.env, { requireSecret: false });
      const result = await runRestore(config, dir, { force: opts.force === true });
      if (result.outcome === 'refused') {
        if (opts.json) printResult(true, result, () => '');
        process.stderr.write(`restore refused: ${result.message}\n`);
        process.exitCode = EXIT.failed;
        return;
      }
      printResult(opts.json, result, () => describeRestore(result));
    });
}
