/**
 * The chain on EventStoreDB, as far as it can be checked without a server: hashes over the same
 * bytes as the SQLite adapter's, carried in metadata and taken out again on read.
 */
import { serializeAppend } from '../append-request';
import { eventHash, GENESIS } from '../chain/event-hash';
import { CHAIN_KEY, chainEvents, LastHashes, splitChain } from './esdb-chain';
import { toRecorded } from './esdb-events';
import { anEvent } from '../testing/event-builders';

describe('the hash chain on EventStoreDB', () => {
  const events = [anEvent('EvaluationSubmitted', { district: '鼓楼区', n: 0.1 }), anEvent('EvaluationRevised')];
  const { events: serialized } = serializeAppend('ballot-x', events, 4);

  it('chains from the previous hash over the JSON text of data and metadata as given', () => {
    const chained = chainEvents('ballot-x', 5, 'prev', serialized);
    const first = eventHash('prev', { stream: 'ballot-x', revision: 5, type: events[0].type, data: JSON.stringify(events[0].data), metadata: JSON.stringify(events[0].metadata) });
    const second = eventHash(first, { stream: 'ballot-x', revision: 6, type: events[1].type, data: JSON.stringify(events[1].data), metadata: JSON.stringify(events[1].metadata) });
    expect(chained.map((e) => e.hash)).toEqual([first, second]);
    expect(chained[0].data).toEqual(events[0].data);
    expect(chained[1].metadata).toEqual({ ...events[1].metadata, [CHAIN_KEY]: second });
  });

  it('hands the metadata back exactly as written, with the hash beside it', () => {
    const [chained] = chainEvents('ballot-x', 0, GENESIS, serialized);
    // What the server stores is the client's JSON.stringify of that metadata; what it hands back, the parse of it.
    const stored = JSON.parse(JSON.stringify(chained.metadata));
    const { metadata, hash } = splitChain(stored);
    expect(hash).toBe(chained.hash);
    expect(JSON.stringify(metadata)).toBe(serialized[0].metadata);
    const recorded = toRecorded({ streamId: 'ballot-x', id: chained.id, revision: 0n, type: chained.type, data: chained.data, metadata: stored, position: { commit: 1n, prepare: 1n } });
    expect(recorded).toMatchObject({ metadata: events[0].metadata, hash: chained.hash });
    expect(recorded.metadata).not.toHaveProperty(CHAIN_KEY);
    expect(splitChain(events[0].metadata)).toEqual({ metadata: events[0].metadata });
  });

  it("remembers only a stream's last known hash, by revision", () => {
    const known = new LastHashes(2);
    known.remember('a', 3, 'h3');
    known.remember('a', 2, 'h2'); // older: ignored
    expect(known.at('a', 3)).toBe('h3');
    expect(known.at('a', 2)).toBeUndefined();
    known.remember('b', 0, 'b0');
    known.remember('c', 0, 'c0'); // over the limit: starts afresh
    expect(known.at('a', 3)).toBeUndefined();
    expect(known.at('c', 0)).toBe('c0');
  });
});
