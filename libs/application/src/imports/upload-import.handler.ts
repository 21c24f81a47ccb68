/**
 * Runs an uploaded CSV through the command path and answers the summary with the per-row
 * problems, the first MAX_LISTED of them listed and all counted.
 */
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { Invalid } from '@survey/domain';
import { HeaderError, RowProblem } from './csv-header';
import { importCsv } from './csv-import';
import { UploadImportCommand, UploadResult } from './upload-import.command';

export const MAX_LISTED = 1000;

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
