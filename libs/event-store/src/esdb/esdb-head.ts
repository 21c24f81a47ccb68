/**
 * The log's head on EventStoreDB, stored: a marker stream of the deployment's own (HEAD_STREAM,
 * inside its namespace) whose last event says the position of the last event any append of this
 * deployment was acknowledged for. Reading the head is then one read of one event, however busy a
 * shared server is: reading $all backwards until an event of the namespace turns up scanned the
 * whole log for a fresh namespace on a busy cluster.
 *
 * Appends raise the marker before they are acknowledged (EsdbEventStore.append), so every
 * acknowledged event is at or below it. Markers are written at the exact revision last read, so
 * the head only moves up even with several processes writing; a process coalesces its appends
 * into one marker write at a time. An append cut off before its marker (a crash) is in the log and
 * folded by the projections, and the head covers it after the next append.
 */
import { BACKWARDS, END, jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { EsdbClient } from './esdb-client';

/** Not a name the application uses (its streams are `<kind>-<id>`); kept out of every read of $all. */
export const HEAD_STREAM = '@log-head';
export const HEAD_EVENT = 'LogHead';

/** Old markers may go at the next scavenge: only the last one is ever read. */
const KEEP_MARKERS = 16;
const MAX_ATTEMPTS = 50;

interface Marker {
  revision: bigint;
  head: number;
}

export class LogHead {
  private known: Marker | undefined;
  private wanted = 0;
  private flushing: Promise<void> | undefined;

  constructor(private readonly client: EsdbClient, private readonly stream: string) {}

  /** The stored head: 0 for a deployment that has appended nothing. One read of one event. */
  async read(): Promise<number> {
    const last = await this.readLast();
    if (last && (!this.known || last.revision > this.known.revision)) this.known = last;
    return last?.head ?? 0;
  }

  /** Resolves once the stored head is at least `position`. */
  async advance(position: number): Promise<void> {
    if (position > this.wanted) this.wanted = position;
    while ((this.known?.head ?? 0) < position) {
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
      await this.flushing;
    }
  }

  private async flush(): Promise<void> {
    const target = this.wanted;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const known = this.known ?? (await this.readLast());
      if (known && known.head >= target) {
        this.known = known;
        return;
      }
      try {
        const event = jsonEvent({ type: HEAD_EVENT, data: { head: target } });
        const result = await this.client.appendToStream(this.stream, event, { expectedRevision: known ? known.revision : NO_STREAM });
        this.known = { revision: result.nextExpectedRevision, head: target };
        if (!known) await this.client.setStreamMetadata(this.stream, { maxCount: KEEP_MARKERS });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.known = undefined; // another process moved the marker: read it again
      }
    }
    throw new Error(`the log head marker ${this.stream} kept moving under ${MAX_ATTEMPTS} attempts to raise it`);
  }

  private async readLast(): Promise<Marker | undefined> {
    try {
      for await (const resolved of this.client.readStream(this.stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
        const event = resolved.event;
        const head = (event?.data as { head?: unknown } | undefined)?.head;
        if (event && typeof head === 'number') return { revision: event.revision, head };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }
}
