/**
 * An import whose CSV arrives as a stream (an admin upload): runs it through the command path and
 * answers the summary with the per-row problems, the first MAX_LISTED of them listed and all counted.
 */
import type { Readable } from 'node:stream';
import { Command, CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { Invalid } from '@survey/domain';
import type { CommandMeta } from '../infrastructure/command-meta';
import { HeaderError, RowProblem } from './csv-header';
import { importCsv, ImportKind } from './csv-import';

export const MAX_LISTED = 1000;

export type UploadResult = {
  rows: number;
  rejected: number;
  /** The count of each of the kind's outcomes (registered, changed, … / added, renamed, …). */
  [outcome: string]: unknown;
  /** Problems in line order for rows rejected on reading (a row may have several). */
  errors: ({ line: number } & RowProblem)[];
  errorCount: number;
  errorsTruncated: boolean;
};

export class UploadImportCommand extends Command<UploadResult> {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly kind: ImportKind<any, any, string>,
    readonly body: Readable,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(UploadImportCommand)
export class UploadImportHandler implements ICommandHandler<UploadImportCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ kind, body, meta }: UploadImportCommand): Promise<UploadResult> {
    const errors: UploadResult['errors'] = [];
    let errorCount = 0;
    const report = (line: number, problem: RowProblem) => {
      errorCount++;
      if (errors.length < MAX_LISTED) errors.push({ line, ...problem });
    };
    try {
      const summary = await importCsv(kind, body, { commands: this.commands, queries: this.queries, meta }, { report });
      return { ...summary, errors, errorCount, errorsTruncated: errorCount > errors.length };
    } catch (error) {
      // An unreadable header is a body that does not match what the route takes.
      if (error instanceof HeaderError) throw Invalid.because(`cannot import ${kind.what}`, [{ field: 'header', message: error.message }]);
      throw error;
    }
  }
}
