/**
 * The conventions every `survey` command follows, in one place for commands to adopt:
 * - exit codes: 0 ok, 1 a check failed (verification, rejected rows), 2 usage or configuration,
 *   130 interrupted by Ctrl-C (resumable commands say how to resume);
 * - results on stdout, human by default, one JSON document with `--json`;
 * - progress and diagnostics on stderr only: a bar on a terminal, a plain line per second otherwise
 *   (so a log file or CI holds no escape codes);
 * - the environment is the API's, read through the same loadConfig.
 */
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** How the command was called is wrong: one line on stderr, exit 2 (main.ts prints it). */
export class UsageError extends InvalidArgumentError {}

/**
 * Commander's own usage errors (unknown command or option, missing argument) exit 2, with the help.
 * Settings are copied to subcommands made with .command(), not to those built apart and added.
 */
export function usageExits2(command: Command): Command {
  return command.showHelpAfterError().exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage));
}

/**
 * The CLI's words to its user, plain text: `say` on stdout (results), `tell` on stderr (progress,
 * outcomes beside a CSV on stdout, errors). Diagnostics of the code it runs (stores, projections)
 * go through the logger instead (./cli-context.ts); nothing in apps/ or libs/ calls console.*.
 */
export const say = (text: string): void => void process.stdout.write(`${text}\n`);
export const tell = (text: string): void => void process.stderr.write(`${text}\n`);

/** Prints a command's result on stdout: `value` as JSON with --json, else the human text. */
export function printResult(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

export const count = (n: number) => Math.round(n).toLocaleString('en-US');

export interface Progress {
  /** `done` of `total` units so far; extra fields fill the format's other tokens. */
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr with rate and ETA: `label {bar} done/total unit | rate unit/s | ETA`.
 * The rate counts from the first update, so a resumed task shows its own speed.
 */
export function progress(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let first: number | undefined;
  const rate = (done: number) => Math.round((done - (first ?? done)) / Math.max((Date.now() - started) / 1000, 0.001));
  const eta = (done: number, total: number) => {
    const r = rate(done);
    return r > 0 ? `${Math.ceil((total - done) / r)} s` : '?';
  };
  if (!stream.isTTY) {
    let last = 0;
    return {
      update(done, total) {
        first ??= done;
        if (Date.now() - last < 1000) return;
        last = Date.now();
        stream.write(`${label}: ${count(done)}/${count(total)} ${unit}, ${count(rate(done))} ${unit}/s, ETA ${eta(done, total)}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    format: `${label} {bar} {done}/{all} ${unit} | {rate} ${unit}/s | ETA {left}`,
    hideCursor: true, clearOnComplete: true, stream,
  }, Presets.shades_classic);
  bar.start(1, 0, { done: '0', all: '?', rate: '0', left: '?' });
  return {
    update(done, total) {
      first ??= done;
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { done: count(done), all: count(total), rate: count(rate(done)), left: eta(done, total) });
    },
    stop: () => bar.stop(),
  };
}

/**
 * Ctrl-C (SIGINT, or SIGTERM) asks the command to stop cleanly through the returned signal; a
 * second one exits at once. `dispose` removes the handlers when the work is done.
 */
export function interruptible(onFirst: (signal: NodeJS.Signals) => void = () => undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    onFirst(signal);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
