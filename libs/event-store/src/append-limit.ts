/**
 * The one size limit of an append, the same on every adapter, so that what SQLite accepts an
 * EventStoreDB server accepts too. The server refuses an append whose events together exceed its
 * MaxAppendSize (default 1,048,576 bytes), counting each event as its data bytes + metadata bytes
 * + twice its type's length (Event.SizeOnDisk in the server's source). The EventStoreDB adapter
 * adds the chain hash to each event's metadata, so every event is counted here with room for it.
 * A caller with more to write splits it into several appends (see the invitations' handler).
 */
import type { SerializedEvent } from './append-request';

/** EventStoreDB's default MaxAppendSize; a server configured lower refuses more (AppendTooLarge too). */
export const MAX_APPEND_BYTES = 1_048_576;

/** Room per event for what an adapter adds to the metadata (`,"chainHash":"<64 hex>"` is 78 bytes). */
export const PER_EVENT_ALLOWANCE = 128;

/** An append over the limit: nothing is written, and retrying cannot help. */
export class AppendTooLarge extends RangeError {
  readonly unrecoverable = true;

  constructor(readonly stream: string, readonly bytes: number, readonly limit: number = MAX_APPEND_BYTES) {
    super(
      `append to ${stream} is ${bytes.toLocaleString('en')} bytes, over the ${limit.toLocaleString('en')} one append may carry ` +
        `(EventStoreDB's MaxAppendSize): split it into several appends`,
    );
    this.name = 'AppendTooLarge';
  }
}

/** The size an append counts for against MAX_APPEND_BYTES. */
export function appendSize(events: readonly SerializedEvent[]): number {
  let bytes = 0;
  for (const e of events) bytes += Buffer.byteLength(e.data) + Buffer.byteLength(e.metadata) + 2 * e.type.length + PER_EVENT_ALLOWANCE;
  return bytes;
}

export function assertAppendFits(stream: string, events: readonly SerializedEvent[]): void {
  const bytes = appendSize(events);
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLarge(stream, bytes);
}
