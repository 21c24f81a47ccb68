import { ANY, NO_STREAM } from '@eventstore/db-client';
import { describeCurrent, isSystemEvent, StreamNamespace, toExpectedRevision, toMetadata, toRecorded } from './esdb-events';
import type { ClientEvent } from './esdb-events';
import { anEvent } from '../testing/event-builders';

function clientEvent(overrides: Partial<ClientEvent> = {}): ClientEvent {
  const e = anEvent('EvaluationSubmitted', { agencyId: 'tax', district: '鼓楼区' });
  return {
    streamId: 'ballot-xz-2019-91310110666007217T', id: e.id, revision: 3n, type: e.type, data: e.data,
    metadata: e.metadata, position: { commit: 4096n, prepare: 4096n }, ...overrides,
  };
}

describe('EventStoreDB event translation', () => {
  it('maps expected revisions to the client constants and bigints', () => {
    expect(toExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
  });

  it("describes the server's current revision as the SQLite adapter does", () => {
    expect(describeCurrent(NO_STREAM)).toBe('no_stream');
    expect(describeCurrent(7n)).toBe('7');
  });

  it('recognises system streams and event types', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-ballot', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'campaign-xz-2019', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'campaign-xz-2019', type: 'CampaignOpened' })).toBe(false);
  });

  it('turns a client event into the port shape', () => {
    const event = clientEvent();
    expect(toRecorded(event)).toEqual({
      id: event.id, stream: event.streamId, revision: 3, position: 4096, type: 'EvaluationSubmitted',
      data: event.data, metadata: event.metadata,
    });
  });

  it('parses metadata the client left as bytes, and refuses metadata that is not an object', () => {
    const { metadata } = anEvent();
    expect(toMetadata(Buffer.from(JSON.stringify(metadata)), 'e1')).toEqual(metadata);
    expect(() => toMetadata(Buffer.from('not json'), 'e1')).toThrow(/e1: metadata is not JSON/);
    expect(() => toMetadata(undefined, 'e2')).toThrow(/e2: metadata is not a JSON object/);
    expect(() => toMetadata([1], 'e3')).toThrow(/not a JSON object/);
  });

  it('refuses an event without a position (servers before 22.6 omit it on stream reads)', () => {
    expect(() => toRecorded(clientEvent({ position: undefined }))).toThrow(/22\.6/);
  });
});

describe('StreamNamespace', () => {
  it('stores names as given and owns every survey event without a namespace', () => {
    const none = new StreamNamespace();
    expect(none.stored('campaign-xz-2019')).toBe('campaign-xz-2019');
    expect(none.prefixes).toBeUndefined();
    expect(none.owns(clientEvent())).toBe(true);
    expect(none.owns(clientEvent({ streamId: '$stats-127.0.0.1:2113' }))).toBe(false);
  });

  it('prefixes stored names, sees only its own streams, and hands them back without the prefix', () => {
    const ns = new StreamNamespace('e2e-7f3a');
    expect(ns.stored('ballot-xz-2019-91310110666007217T')).toBe('e2e-7f3a.ballot-xz-2019-91310110666007217T');
    expect(ns.prefixes).toEqual(['e2e-7f3a.']);
    const ours = clientEvent({ streamId: 'e2e-7f3a.ballot-xz-2019-91310110666007217T' });
    expect(ns.owns(ours)).toBe(true);
    expect(ns.owns(clientEvent())).toBe(false); // unprefixed: another deployment's
    expect(ns.owns(clientEvent({ streamId: 'e2e-7f3ab.campaign-x' }))).toBe(false); // prefix ends at the dot
    expect(ns.recorded(ours).stream).toBe('ballot-xz-2019-91310110666007217T');
  });

  it('refuses a namespace that could not be a stream-name prefix or a database suffix', () => {
    for (const bad of ['', 'UPPER', 'has.dot', 'a b', 'x'.repeat(41)]) expect(() => new StreamNamespace(bad)).toThrow(RangeError);
  });
});
