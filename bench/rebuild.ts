/**
 * Projection rebuild speed: 1,000,000 events shaped like the demo's (registrations and ballots
 * of several campaigns), folded from scratch by the reports projection, against a bare read of
 * the same rows (SELECT in position order + JSON.parse of data and metadata: the least any
 * consumer of the log must do).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_QUESTIONS, DEFAULT_SCALE, streams } from '@survey/domain';
import { NewEvent, SqliteEventStore } from '@survey/event-store';
import { Projector, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { Sealer, systemClock } from '@survey/application';
import { buildDemoPlan } from '../apps/cli/src/demo/demo-plan';

const meta = (sub: string, at: string) => ({ schemaVersion: 1, recordedAt: at, actor: { role: 'system' as const, sub }, correlationId: randomUUID(), causationId: randomUUID() });
const event = (type: string, data: unknown, at: string): NewEvent => ({ id: randomUUID(), type, data, metadata: meta('bench', at) });

/** Writes `count` events into `dir/events.db`: the demo plan's, repeated over further campaigns until the count is reached. */
export async function writeEvents(dir: string, count: number): Promise<number> {
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const plan = buildDemoPlan();
  const profiles = new Map(plan.enterprises.map((e) => [e.creditCode, e]));
  let written = 0;
  let pending: Promise<unknown>[] = [];
  const append = (stream: string, events: NewEvent[]) => {
    written += events.length;
    pending.push(store.append(stream, events, 'no_stream'));
    if (pending.length >= 5000) {
      const batch = pending;
      pending = [];
      return Promise.all(batch);
    }
    return undefined;
  };
  for (const e of plan.enterprises) await append(streams.enterprise(e.creditCode), [event('EnterpriseRegistered', e, '2018-10-01T00:00:00.000Z')]);
  for (let round = 0; written < count; round++) {
    for (const c of plan.campaigns) {
      const campaignId = round === 0 ? c.id : `${c.id}-r${round}`;
      await append(streams.campaign(campaignId), [event('CampaignOpened', { ...c, campaignId, agencies: plan.agencies, questions: DEFAULT_QUESTIONS, scale: DEFAULT_SCALE }, c.opensAt)]);
      for (const b of plan.ballots) {
        if (b.campaignId !== c.id || written >= count) continue;
        const { district, industry, size } = profiles.get(b.creditCode)!;
        const events = b.actions.slice(0, count - written).map((a) => {
          const key = { campaignId, creditCode: b.creditCode, agencyId: a.agencyId };
          return a.kind === 'withdraw'
            ? event('EvaluationWithdrawn', key, a.at)
            : event('EvaluationSubmitted', { ...key, rating: a.rating, answers: a.answers, comment: a.comment, district, industry, size }, a.at);
        });
        await append(streams.ballot(campaignId, b.creditCode), events);
      }
    }
  }
  await Promise.all(pending);
  const head = await store.headPosition();
  // Seal it, as the service's sealer would have along the way: the report latency is then measured
  // in the steady state, not during a one-off catch-up over a million unsealed events.
  await new Sealer(store, systemClock).sealNow();
  await store.close();
  return head;
}

/**
 * The same, read the way the adapter does (raw rows, 5,000 at a time by position): a tuned read,
 * reported beside the plain one so the rebuild ratio can be judged against both.
 */
export function bareReadBatched(dir: string): number {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const page = db.prepare('SELECT position, id, stream, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 5000').raw(true);
  const started = performance.now();
  let n = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after) as [number, string, string, number, string, string, string][];
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row[5]);
      JSON.parse(row[6]);
    }
    n += rows.length;
    after = rows[rows.length - 1][0];
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return n / seconds;
}

/** Events per second of reading every row in order (one SELECT, iterated) and parsing its JSON. */
export function bareRead(dir: string): number {
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const started = performance.now();
  let n = 0;
  for (const row of db.prepare('SELECT position, id, stream, revision, type, data, metadata FROM events ORDER BY position').iterate() as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    n++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return n / seconds;
}

/** Events per second of folding the whole log into empty read models, checkpoint included. */
export async function rebuild(dir: string, readModelsFile: string): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(readModelsFile + suffix, { force: true });
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const readModels = SqliteReadModelStore.open(readModelsFile);
  const head = await store.headPosition();
  const projector = new Projector(store, readModels, reportsProjection); // as the service configures it
  const started = performance.now();
  await projector.start();
  await projector.waitFor(head, 600_000);
  const seconds = (performance.now() - started) / 1000;
  await projector.stop();
  await store.close();
  await readModels.close();
  return head / seconds;
}
