/**
 * The read models as they stood at a past time, for as-of reports: the longest prefix of the log
 * whose events were recorded at or before that time, folded by the `reports` projection into
 * memory (never into the live read models). A replay is kept for its time: once an event after
 * that time exists, the prefix can no longer grow, so the answer is final; a replay that reached
 * the head stays valid until the head moves. The segments projection is not replayed: segment
 * breakdowns are not offered as of a past time.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { MemoryDocs, MemoryFold, reportsProjection } from '@survey/read-models';

export interface Replayed {
  docs: MemoryDocs;
  /** Position and recordedAt of the last event folded in (0 / null: none). */
  position: number;
  recordedAt: string | null;
  /** An event recorded after the requested time exists: later appends cannot change this replay. */
  final: boolean;
}

const KEEP = 4; // each replay holds a campaign's ballots in memory: keep a few

@Injectable()
export class LogReplay {
  private readonly replays = new Map<string, Promise<Replayed>>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async at(time: Date): Promise<Replayed> {
    const key = time.toISOString();
    const kept = this.replays.get(key);
    if (kept) {
      const replayed = await kept;
      if (replayed.final || replayed.position === (await this.events.headPosition())) return replayed;
    }
    const replaying = this.replay(time.getTime());
    this.replays.delete(key);
    this.replays.set(key, replaying);
    replaying.catch(() => this.replays.get(key) === replaying && this.replays.delete(key));
    while (this.replays.size > KEEP) this.replays.delete(this.replays.keys().next().value!);
    return replaying;
  }

  private async replay(until: number): Promise<Replayed> {
    const fold = new MemoryFold(this.events, reportsProjection);
    const final = await fold.foldWhile((event) => Date.parse(event.metadata.recordedAt) <= until);
    return { docs: fold.docs, ...fold.last, final };
  }
}
