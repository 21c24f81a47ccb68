/**
 * The CLI side of `survey import enterprises|agencies <file.csv>`: the application context on
 * DATA_DIR's stores, a progress bar on stderr, the per-row error report (stderr, and a CSV with
 * --errors), and the summary (human or --json) on stdout. Returns the exit code: 0 when every row
 * went in, 1 when some were rejected.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, statSync, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { userInfo } from 'node:os';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfig, HeaderError, importCsv, ImportKind, ImportSummary, RowProblem } from '@survey/application';
import { DomainError } from '@survey/domain';
import { CSV_BOM, csvRow } from '@survey/reporting';
import { importProgress } from './progress';
import { say, UsageError } from '../conventions';
import { withCliContext } from '../cli-context';


// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = ImportKind<any, any, string>;

export async function runImport(config: AppConfig, kind: AnyKind, file: string, options: { errors?: string; json: boolean }): Promise<number> {
  const size = fileSize(file);
  const errorsCsv = options.errors ? await openErrorsCsv(options.errors) : undefined;
  const progress = importProgress(size);
  const report = (line: number, p: RowProblem) => {
    progress.log(`line ${line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`);
    errorsCsv?.write(csvRow([line, p.column ?? '', p.reason]));
  };
  const started = Date.now();
  let summary: ImportSummary;
  try {
    // Projections are left to the API or apps/projector: they catch up from the log's checkpoint.
    summary = await withCliContext(config, (app) => {
      const context = {
        commands: app.get(CommandBus), queries: app.get(QueryBus),
        meta: { actor: { role: 'admin' as const, sub: `cli:${operator()}` }, correlationId: randomUUID() },
      };
      return importCsv(kind, file, context, {
        report,
        progress: (rows, bytes) => {
          if (rows % 500 === 0) progress.update(rows, bytes);
        },
      });
    });
  } catch (error) {
    // A header we cannot read, or a kind that refuses the whole import (an unknown or closed campaign).
    throw error instanceof HeaderError || error instanceof DomainError ? new UsageError(`${file}: ${error.message}`) : error;
  } finally {
    progress.stop();
    if (errorsCsv) await closed(errorsCsv);
  }
  const seconds = (Date.now() - started) / 1000;
  say(options.json ? JSON.stringify(summary) : describe(file, kind, summary, seconds, options.errors));
  return summary.rejected ? 1 : 0;
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a directory, not a CSV file`);
    return stat.isFile() ? stat.size : 0; // a pipe has no size: no ETA then
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function openErrorsCsv(path: string): Promise<WriteStream> {
  const out = createWriteStream(path);
  try {
    await once(out, 'open');
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  out.write(CSV_BOM + csvRow(['line', 'column', 'reason']));
  return out;
}

const closed = (out: WriteStream) => new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

function describe(file: string, kind: AnyKind, s: ImportSummary, seconds: number, errors?: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const counts = s as unknown as Record<string, number>;
  const lines = [
    `${file}: ${n(s.rows)} rows in ${seconds.toFixed(1)} s (${n(Math.round(s.rows / Math.max(seconds, 0.001)))} rows/s)`,
    `  ${[...kind.outcomes, 'rejected'].map((o) => `${o} ${n(counts[o])}`).join(', ')}`,
  ];
  if (s.rejected) lines.push(`  the rejected rows are listed on stderr${errors ? ` and in ${errors}` : ''}; the other rows went in`);
  return lines.join('\n');
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry for this uid, as in some containers
  }
}
