/**
 * A CSV import through the command path, whatever it imports: each good row becomes a command on
 * the bus (or joins a batch of rows that one command decides row by row, for a kind with `batch`),
 * the same decisions as the API's, so re-importing a file appends nothing (the deciders answer
 * an unchanged row with no event). Rows are checked before any command is sent and a bad row is
 * reported (line, column, reason) while the good ones go in. Used by `survey import …` and by the
 * admin uploads (`POST /v1/admin/imports/…`); the kinds are enterprise-rows.ts and agency-rows.ts.
 */
import type { Readable } from 'node:stream';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@survey/domain';
import type { CommandMeta } from '../runtime/command-meta';
import { csvRecords } from './csv-records';
import { Header, HeaderError, isBlank, readCsvHeader, RowProblem } from './csv-header';
import { Lanes } from './lanes';

export interface ImportContext {
  commands: CommandBus;
  queries: QueryBus;
  /** One correlation id for the whole import, so an auditor sees which events one run appended. */
  meta: CommandMeta;
}

export type RowCheck<Row> = (cells: readonly string[], line: number) => { row: Row } | { problems: RowProblem[] };

/** What one kind of import reads and which command each row becomes. */
export interface ImportKind<F extends string, Row, Outcome extends string> {
  /** What the rows are, e.g. "enterprises". */
  what: string;
  /** Accepted header names per field; the first is the canonical one. */
  columns: Record<F, readonly string[]>;
  /** What a row's command can do; the summary counts each. */
  outcomes: readonly Outcome[];
  /** Commands in flight at once: many when rows go to distinct streams, 1 when they share one (batches with `batch`). */
  concurrency: number;
  /**
   * Rows of distinct streams decided and appended together, `size` at a time, instead of a
   * command per row: `execute` answers each row's outcome, or the DomainError that refused it, in
   * the rows' order. `concurrency` batches are in flight, so one is decided while another commits.
   */
  batch?: {
    size: number;
    execute(context: ImportContext, rows: Row[]): Promise<(Outcome | DomainError)[]>;
  };
  /** Refuses the whole import before any row is read (e.g. an unknown or closed campaign). */
  before?(context: ImportContext): Promise<void>;
  /** A checker for one run (it may remember earlier rows, to find duplicates). */
  rows(header: Header<F>): RowCheck<Row>;
  execute(context: ImportContext, row: Row): Promise<Outcome>;
}

export type ImportSummary<Outcome extends string = string> = { rows: number; rejected: number } & Record<Outcome, number>;

export interface ImportOptions {
  /** Called once per problem of a rejected row, in line order for rows rejected on reading. */
  report: (line: number, problem: RowProblem) => void;
  /** Called after each row is read, with the rows so far and the bytes of the source read so far. */
  progress?: (rows: number, bytes: number) => void;
  /** Overrides the kind's concurrency (tests). */
  concurrency?: number;
}

export { HeaderError };

export async function importCsv<F extends string, Row, O extends string>(
  kind: ImportKind<F, Row, O>, source: string | Readable, context: ImportContext, options: ImportOptions,
): Promise<ImportSummary<O>> {
  await kind.before?.(context);
  const summary = { rows: 0, ...Object.fromEntries(kind.outcomes.map((o) => [o, 0])), rejected: 0 } as ImportSummary<O>;
  const counts = summary as unknown as Record<string, number>;
  const reject = (line: number, problems: RowProblem[]) => {
    summary.rejected++;
    for (const p of problems) options.report(line, p);
  };
  const lanes = new Lanes(options.concurrency ?? kind.concurrency);
  const { items, bytesRead } = csvRecords(source);
  let check: RowCheck<Row> | undefined;
  const outcome = (line: number, result: O | DomainError) => {
    if (result instanceof DomainError) reject(line, [{ reason: result.message }]);
    else counts[result]++;
  };
  let batch: { row: Row; line: number }[] = [];
  const send = async () => {
    const rows = batch;
    batch = [];
    if (!kind.batch || rows.length === 0) return;
    const { execute } = kind.batch;
    await lanes.run(async () => {
      const results = await execute(context, rows.map((r) => r.row));
      results.forEach((result, i) => outcome(rows[i].line, result));
    });
  };
  try {
    for await (const item of items) {
      if ('malformed' in item) {
        if (!check) throw new HeaderError(`the header is not readable CSV: ${item.malformed}`);
        summary.rows++;
        reject(item.line, [{ reason: `malformed CSV: ${item.malformed}` }]);
        break;
      }
      if (!check) {
        check = kind.rows(readCsvHeader(item.cells, kind.columns));
        continue;
      }
      if (isBlank(item.cells)) continue;
      summary.rows++;
      const checked = check(item.cells, item.line);
      if ('problems' in checked) {
        reject(item.line, checked.problems);
      } else if (kind.batch) {
        batch.push({ row: checked.row, line: item.line });
        if (batch.length >= kind.batch.size) await send();
      } else {
        const { line } = item;
        await lanes.run(async () => {
          try {
            counts[await kind.execute(context, checked.row)]++;
          } catch (error) {
            // A rule the row check missed is still this row's problem; a store failure stops the import.
            if (!(error instanceof DomainError)) throw error;
            outcome(line, error);
          }
        });
      }
      options.progress?.(summary.rows, bytesRead());
    }
    await send();
  } finally {
    await lanes.settled();
  }
  lanes.rethrow();
  if (!check) throw new HeaderError('the file is empty: expected a header row');
  return summary;
}
