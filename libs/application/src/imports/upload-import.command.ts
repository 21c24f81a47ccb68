import type { Readable } from 'node:stream';
import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../runtime/command-meta';
import type { RowProblem } from './csv-header';
import type { ImportKind } from './csv-import';

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

/** An import whose CSV arrives as a stream (an admin upload). */
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
