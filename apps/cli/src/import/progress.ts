/**
 * The import's stderr: a progress bar (rows, rows/s, and an ETA from the bytes read when the file
 * has a size) with the error lines printed above it. When stderr is not a terminal (a log file, CI)
 * there is no bar, only the error lines, so the log holds no escape codes.
 */
import { MultiBar, Presets } from 'cli-progress';

export interface ImportProgress {
  update(rows: number, bytes: number): void;
  log(line: string): void;
  stop(): void;
}

export function importProgress(size: number, stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  if (!stream.isTTY) return { update: () => undefined, log: (line) => void stream.write(`${line}\n`), stop: () => undefined };
  const started = Date.now();
  // MultiBar rather than SingleBar: its log() prints lines above the bar instead of through it.
  const bars = new MultiBar({
    format: size ? 'importing {bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}' : 'importing | {rows} rows | {speed} rows/s',
    hideCursor: true, clearOnComplete: true, etaBuffer: 50, stream,
  }, Presets.shades_classic);
  const total = size || 1;
  const bar = bars.create(total, 0, { rows: 0, speed: 0 });
  return {
    update: (rows, bytes) => bar.update(Math.min(bytes, total), { rows, speed: Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001)) }),
    log: (line) => bars.log(`${line}\n`),
    stop: () => {
      bars.update(); // flushes the lines logged since the last redraw, which stop() would drop
      bars.stop();
    },
  };
}
