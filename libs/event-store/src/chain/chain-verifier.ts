/**
 * Walks a log as stored (the bytes, not upcasted) in position order and names the first event whose
 * bytes, order or presence do not match the hash chain of its stream or the seals. Pure: the
 * caller feeds it rows (see ../sqlite-stored-log.ts) and the seals it read beforehand.
 *
 * Per event: its revision must follow the previous one of its stream, and its stored hash must be
 * the hash of its bytes chained to that previous event's stored hash. Per seal: the events up to
 * its position, in order, must give its digests one by one, its count and its rolling hash. Seals
 * catch what a stream's own chain cannot: a stream's last event removed, events of different
 * streams swapped, and bytes edited by someone who also recomputed the chain.
 */
import { digestOf, eventHash, GENESIS } from './event-hash';
import { digestsOf, emptySealState, foldEvent, Seal, SealState } from './seal';

export interface StoredEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  hash: string | null;
}

export type BreakKind = 'bytes' | 'order' | 'presence' | 'seal';

export interface ChainBreak {
  what: BreakKind;
  position: number;
  stream?: string;
  revision?: number;
  detail: string;
}

/** A seal as read from the log, with where it is stored. */
export interface StoredSeal extends Seal {
  sealRevision: number;
  sealPosition: number;
}

/** Where an event of a stream is stored, to tell a reordered event from a missing one. */
export type Locate = (stream: string, revision: number) => number | undefined;

export class ChainVerifier {
  private readonly streams = new Map<string, { revision: number; hash: string; position: number }>();
  private readonly state: SealState = emptySealState();
  private next = 0; // index of the seal whose window the walk is in
  private inWindow = 0; // events of that window seen so far
  private digests: string[];
  events = 0;

  constructor(private readonly seals: StoredSeal[], private readonly locate: Locate = () => undefined) {
    this.digests = seals[0] ? digestsOf(seals[0]) : [];
  }

  /** The rolling hash and count of the log up to the last event pushed. */
  get rolling(): { position: number; count: number; rollingHash: string } {
    return { position: this.state.position, count: this.state.count, rollingHash: this.state.rolling };
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** The first break this event shows, if any; the walk should stop at the first one. */
  push(e: StoredEvent): ChainBreak | undefined {
    const at = { position: e.position, stream: e.stream, revision: e.revision };
    const closed = this.closeWindowsBefore(e.position);
    if (closed) return closed;
    const last = this.streams.get(e.stream);
    const expected = last ? last.revision + 1 : 0;
    if (e.revision < expected) {
      return { what: 'order', ...at, detail: `revision ${e.revision} comes after revision ${last?.revision} of its stream (at position ${last?.position})` };
    }
    if (e.revision > expected) {
      const later = this.locate(e.stream, expected);
      return later !== undefined
        ? { what: 'order', ...at, detail: `revision ${expected} of its stream comes later, at position ${later}` }
        : { what: 'presence', ...at, detail: `revision${e.revision - expected > 1 ? `s ${expected}–${e.revision - 1}` : ` ${expected}`} of its stream missing before this event` };
    }
    if (e.hash === null) return { what: 'bytes', ...at, detail: 'no chain hash stored' };
    const hash = eventHash(last ? last.hash : GENESIS, e);
    if (hash !== e.hash) {
      return { what: 'bytes', ...at, detail: `stored bytes do not give the stored hash ${e.hash.slice(0, 12)}… chained to revision ${expected - 1}` };
    }
    this.streams.set(e.stream, { revision: e.revision, hash, position: e.position });
    this.events += 1;
    if (this.next < this.seals.length) {
      const sealed = this.digests[this.inWindow];
      const mine = digestOf(hash);
      if (sealed !== mine) return { ...at, ...this.digestBreak(mine) };
      this.inWindow += 1;
    }
    foldEvent(this.state, e.position, hash);
    return undefined;
  }

  /** After the last row: seals covering positions past the end of the log mean events are missing. */
  finish(head: number): ChainBreak | undefined {
    return this.closeWindowsBefore(Number.MAX_SAFE_INTEGER, head);
  }

  /** Seals the walk has checked, and events after the last of them (chained but not sealed yet). */
  summary(): { sealsChecked: number; sealedUpTo: number; unsealed: number } {
    const lastChecked = this.seals[this.next - 1];
    return { sealsChecked: this.next, sealedUpTo: lastChecked?.position ?? 0, unsealed: this.state.count - (lastChecked?.count ?? 0) };
  }

  private digestBreak(mine: string): Pick<ChainBreak, 'what' | 'detail'> {
    const seal = this.seals[this.next];
    const where = `seal ${seal.sealRevision} (up to position ${seal.position})`;
    if (this.inWindow >= this.digests.length) return { what: 'presence', detail: `not among the events ${where} covers: inserted after sealing` };
    if (this.digests[this.inWindow + 1] === mine) {
      return { what: 'presence', detail: `the event ${where} lists before this one (digest ${this.digests[this.inWindow]}, after position ${this.state.position}) is missing` };
    }
    const elsewhere = this.digests.indexOf(mine);
    if (elsewhere >= 0) {
      return { what: 'order', detail: `${where} lists this event as number ${elsewhere + 1} of its window, not number ${this.inWindow + 1}` };
    }
    return { what: 'bytes', detail: `altered after ${where} (its chain hash was recomputed; the seal lists ${this.digests[this.inWindow]})` };
  }

  private closeWindowsBefore(position: number, head = position): ChainBreak | undefined {
    while (this.next < this.seals.length && position > this.seals[this.next].position) {
      const seal = this.seals[this.next];
      const at = { position: seal.position > head ? head : seal.position };
      if (this.inWindow < this.digests.length) {
        const missing = this.digests.length - this.inWindow;
        return { what: 'presence', ...at, detail: `${missing} event(s) that seal ${seal.sealRevision} lists up to position ${seal.position} are missing (first: digest ${this.digests[this.inWindow]}, after position ${this.state.position})` };
      }
      if (this.state.count !== seal.count || this.state.rolling !== seal.rollingHash || this.state.position !== seal.position) {
        return { what: 'seal', ...at, stream: 'audit-seals', revision: seal.sealRevision, detail: `seal ${seal.sealRevision} says ${seal.count} events up to position ${seal.position} with rolling hash ${seal.rollingHash.slice(0, 12)}…; the log gives ${this.state.count} up to ${this.state.position} with ${this.state.rolling.slice(0, 12)}…` };
      }
      this.next += 1;
      this.inWindow = 0;
      this.digests = this.seals[this.next] ? digestsOf(this.seals[this.next]) : [];
    }
    return undefined;
  }
}
