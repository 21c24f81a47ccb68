/**
 * What following the log costs the API process, without HTTP: thirteen subscriptions (as many as
 * `npm start` runs; one with the chain hashes, as the sealer) follow 20,000 single-event appends
 * made 50 at a time (so group commits of the size the ingest hammer makes). Prints the process's
 * CPU time (all threads: the writer thread's share is the same in any build) as JSON.
 *
 * For an A/B against another build, name that build's event-store lib:
 * `node dist/bench/subscribers.js [/other/dist/libs/event-store/src/index.js]`, alternating runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@survey/event-store';

const SUBSCRIBERS = 13;
const APPENDS = 20_000;
const IN_FLIGHT = 50;

async function main(): Promise<void> {
  const lib = process.argv[2];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other build is only known at run time
  const Store: typeof SqliteEventStore = lib ? (require(lib) as { SqliteEventStore: typeof SqliteEventStore }).SqliteEventStore : SqliteEventStore;
  const dir = mkdtempSync(join(tmpdir(), 'bench-subscribers-'));
  const store = Store.open(join(dir, 'events.db'));
  const subscriptions = Array.from({ length: SUBSCRIBERS }, (_, i) =>
    // Each handler yields once, as one that commits its checkpoint would.
    store.subscribeToAll({ after: 0, batchSize: 250, hashes: i === 0 }, () => new Promise<void>((resolve) => setImmediate(resolve))),
  );
  const data = { campaignId: 'bench', creditCode: '91320300MA1XYZ1234', agencyId: 'agency-7', rating: 'satisfied', answers: { efficiency: 'satisfied', attitude: 'very_satisfied' } };
  const metadata = () => ({
    schemaVersion: 1, recordedAt: new Date().toISOString(), actor: { role: 'enterprise' as const, sub: data.creditCode },
    correlationId: randomUUID(), causationId: randomUUID(),
  });
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < APPENDS) {
      const i = next++;
      await store.append(`ballot-${i}`, [{ id: randomUUID(), type: 'EvaluationSubmitted', data, metadata: metadata() }], 'no_stream');
    }
  }));
  await Promise.all(subscriptions.map((s) => s.caughtUp()));
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - started;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(wallMs), subscribers: SUBSCRIBERS, appends: APPENDS }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
