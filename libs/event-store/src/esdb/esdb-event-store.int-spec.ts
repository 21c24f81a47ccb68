/**
 * EsdbEventStore against a real EventStoreDB: the same contract suite as SQLite, run only when
 * EVENTSTORE_URL is set (e.g. esdb://localhost:2113?tls=false). Streams get random names, so a
 * shared server is fine. Without the variable the run says so plainly instead of passing silently.
 */
import { eventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

const url = process.env.EVENTSTORE_URL;

if (!url) {
  describe('EsdbEventStore', () => {
    it('is skipped: EVENTSTORE_URL not set', () => {
      console.warn('skipped: EVENTSTORE_URL not set — EsdbEventStore contract suite not run');
    });
  });
} else {
  // Servers answer in milliseconds, but a cluster election or a cold start can take seconds.
  jest.setTimeout(30_000);
  eventStoreContract('EsdbEventStore', async () => {
    const store = EsdbEventStore.connect(url);
    return { store, cleanup: () => store.close() };
  }, { idsUniqueAcrossStreams: false });
}
