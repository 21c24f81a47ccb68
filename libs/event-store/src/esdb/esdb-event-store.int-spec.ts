/**
 * EsdbEventStore against a real EventStoreDB: the same contract suite as SQLite, run only when
 * EVENTSTORE_URL is set (e.g. esdb://localhost:2113?tls=false). Streams get random names, so a
 * shared server is fine. Without the variable jest reports the suite as skipped, saying why.
 */
import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';
import { anEvent } from '../testing/event-builders';

const url = process.env.EVENTSTORE_URL ?? '';
/** Without a server jest reports the whole suite as skipped, the reason in its name. */
const onServer = url ? describe : describe.skip;

onServer(url ? 'EsdbEventStore on EVENTSTORE_URL' : 'EsdbEventStore contract — skipped: EVENTSTORE_URL not set', () => {
  // Servers answer in milliseconds, but a cluster election or a cold start can take seconds.
  jest.setTimeout(30_000);
  eventStoreContract('EsdbEventStore', async () => {
    const store = EsdbEventStore.connect(url);
    return { store, cleanup: () => store.close() };
  }, { idsUniqueAcrossStreams: false });

  it('keeps namespaces apart: each sees only its own streams, by their unprefixed names', async () => {
    const suffix = randomUUID().slice(0, 8);
    const [a, b] = [EsdbEventStore.connect(url, { namespace: `a-${suffix}` }), EsdbEventStore.connect(url, { namespace: `b-${suffix}` })];
    try {
      const { position } = await b.append('campaign-xz-2019', [anEvent('CampaignClosed', { campaignId: 'xz-2019' })], 'no_stream');
      const event = anEvent('CampaignClosed', { campaignId: 'xz-2019' });
      await a.append('campaign-xz-2019', [event], 'no_stream'); // the same name in another namespace: no conflict
      await b.append('campaign-xz-2019', [anEvent('CampaignClosed', { campaignId: 'xz-2019' })], 0);
      expect((await a.readStream('campaign-xz-2019')).map((e) => e.id)).toEqual([event.id]);
      const seenByA = await a.readAll(position, 100);
      expect(seenByA.map((e) => e.stream)).toEqual(['campaign-xz-2019']);
      expect(seenByA[0].id).toBe(event.id);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
