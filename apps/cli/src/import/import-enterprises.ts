/**
 * `survey import enterprises`: each good row of the CSV becomes a RegisterEnterpriseCommand on
 * the command bus, the same path as `PUT /v1/enterprises/{code}`, so re-importing a file appends
 * nothing (the decider answers an unchanged profile with no event). Many commands are in flight at
 * once, so the event store's group commit batches their appends; reading waits for a free lane,
 * which keeps memory bounded however long the file is.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { CommandBus } from '@nestjs/cqrs';
import { CommandMeta, RegisterEnterpriseCommand } from '@survey/application';
import { DomainError } from '@survey/domain';
import { csvRecords } from './csv-records';
import { checkRow, DuplicateCodes, Header, HeaderError, isBlank, readHeader, RowProblem } from './enterprise-rows';

export interface ImportSummary {
  rows: number;
  registered: number;
  changed: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  /** Called once per problem of a rejected row, in line order for rows rejected on reading. */
  report: (line: number, problem: RowProblem) => void;
  /** Called after each row is read, with the rows so far and the bytes of the file read so far. */
  progress?: (rows: number, bytes: number) => void;
  /** Commands in flight at once. */
  concurrency?: number;
}

export { HeaderError };

export async function importEnterprises(commands: CommandBus, path: string, options: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, registered: 0, changed: 0, unchanged: 0, rejected: 0 };
  // One correlation id for the whole import, so an auditor sees which events one run appended.
  const meta: CommandMeta = { actor: { role: 'admin', sub: `cli:${operator()}` }, correlationId: randomUUID() };
  const reject = (line: number, problems: RowProblem[]) => {
    summary.rejected++;
    for (const p of problems) options.report(line, p);
  };
  const lanes = new Lanes(options.concurrency ?? 256);
  const duplicates = new DuplicateCodes();
  const { items, bytesRead } = csvRecords(path);
  let header: Header | undefined;
  try {
    for await (const item of items) {
      if ('malformed' in item) {
        if (!header) throw new HeaderError(`the header is not readable CSV: ${item.malformed}`);
        summary.rows++;
        reject(item.line, [{ reason: `malformed CSV: ${item.malformed}` }]);
        break;
      }
      if (!header) {
        header = readHeader(item.cells);
        continue;
      }
      if (isBlank(item.cells)) continue;
      summary.rows++;
      const checked = checkRow(item.cells, header);
      const duplicate = 'row' in checked ? duplicates.problem(checked.row, item.line, header.names.creditCode) : null;
      if ('problems' in checked || duplicate) {
        reject(item.line, 'problems' in checked ? checked.problems : [duplicate as RowProblem]);
      } else {
        const { line } = item;
        await lanes.run(async () => {
          try {
            const { outcome } = await commands.execute(new RegisterEnterpriseCommand(checked.row, meta));
            summary[outcome]++;
          } catch (error) {
            // A rule the row check missed is still this row's problem; a store failure stops the import.
            if (!(error instanceof DomainError)) throw error;
            reject(line, [{ reason: error.message }]);
          }
        });
      }
      options.progress?.(summary.rows, bytesRead());
    }
  } finally {
    await lanes.settled();
  }
  lanes.rethrow();
  if (!header) throw new HeaderError('the file is empty: expected a header row');
  return summary;
}

/**
 * At most `size` tasks at once; `run` resolves when the task has started. The first failure stops
 * new tasks (run throws it) and is thrown again by `rethrow` once the others have settled.
 */
class Lanes {
  private active = 0;
  private wake: (() => void) | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly size: number) {}

  async run(task: () => Promise<void>): Promise<void> {
    while (this.active >= this.size) await this.oneFinished();
    this.rethrow();
    this.active++;
    task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.active--;
        this.wake?.();
      });
  }

  async settled(): Promise<void> {
    while (this.active > 0) await this.oneFinished();
  }

  rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  // Only the reading loop ever waits, so one waiter at a time is enough.
  private oneFinished(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry for this uid, as in some containers
  }
}
