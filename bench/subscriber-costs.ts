/**
 * What each in-process subscriber of the log costs per 1,000 submissions, without HTTP: the real
 * subscribers (each projection's Projector as RunningProjections makes it, the sealer, the case reactor, the deadline scheduler,
 * the webhook outbox) on real SQLite stores, built as their int specs build them, following
 * submissions appended 50 at a time (the group commits' size under the ingest hammer).
 *
 * Each configuration runs in a process of its own: nothing, a subscription that does nothing (the
 * log's shared read, ../libs/event-store/src/log-feed.ts), every subscriber, or one alone. A run
 * registers the enterprises and opens the campaign, starts the subscribers and lets them reach the
 * head, then measures from the first submission until every subscriber has folded the last one,
 * plus a fixed quiet second (a commit deferred to a timer is counted): the process's CPU time (all
 * threads: the writer threads' commits included), the main thread's alone (what the API's
 * event loop would lose), and the read-model commits and index reads.
 * A subscriber's own cost is its run minus the feed's; the feed's and all of them together, minus
 * the run with nothing; per 1,000 submissions, the median of the rounds, with every round's figures.
 *
 * `node dist/bench/subscriber-costs.js [--rounds 3] [--dist /other/dist] [names…]`: `--dist` runs
 * another build's libs with this script (for an A/B, alternate the two in the same minutes; give
 * NODE_PATH=<this repo>/node_modules when that build has no node_modules above it).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Application from '@survey/application';
import type * as Domain from '@survey/domain';
import type * as DomainTesting from '@survey/domain/testing';
import type * as EventStores from '@survey/event-store';
import type * as ReadModels from '@survey/read-models';

const SUBMISSIONS = 10_000;
const IN_FLIGHT = 50;
const QUIET_MS = 1000;
const CAMPAIGN = 'bench';

interface Libs {
  application: typeof Application;
  domain: typeof Domain;
  testing: typeof DomainTesting;
  eventStore: typeof EventStores;
  readModels: typeof ReadModels;
}

interface RunFigures {
  cpuMs: number;
  mainMs: number;
  wallMs: number;
  commits: number;
  indexReads: number;
}

function load(dist: string): Libs {
  /* eslint-disable @typescript-eslint/no-require-imports -- the build to measure is chosen at run time */
  return {
    application: require(join(dist, 'libs/application/src/index.js')) as typeof Application,
    domain: require(join(dist, 'libs/domain/src/index.js')) as typeof Domain,
    testing: require(join(dist, 'libs/domain/src/testing/index.js')) as typeof DomainTesting,
    eventStore: require(join(dist, 'libs/event-store/src/index.js')) as typeof EventStores,
    readModels: require(join(dist, 'libs/read-models/src/index.js')) as typeof ReadModels,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** A subscriber as this bench drives it: started, followed to a position, stopped. */
interface Running {
  reached(position: number): boolean;
  stop(): Promise<void>;
}

/** Every subscriber `npm start` runs in the API process, by name (the outbox only with NOTIFY_WEBHOOK_URL). */
function subscriberNames(libs: Libs): string[] {
  return [...libs.readModels.PROJECTIONS.map((p) => p.name), 'sealer', 'case-reactor', 'deadline-scheduler', 'outbox'];
}

async function startSubscriber(libs: Libs, name: string, events: EventStores.EventStore, store: ReadModels.ReadModelStore): Promise<Running> {
  const { application: app } = libs;
  const clock = app.systemClock;
  const aggregates = new app.Aggregates(events, clock);
  const calendars = new app.CalendarLoader({});
  const config = { cases: { contactDays: 1, rectifyDays: 15 }, publicUrl: 'http://127.0.0.1:1' } as unknown as Application.AppConfig;
  if (name === 'feed') {
    // A subscription that does nothing: the log's shared read, which any one subscriber brings.
    const subscription = events.subscribeToAll({ after: await events.headPosition(), batchSize: 250 }, async () => undefined);
    let at = 0;
    return {
      reached: (p) => {
        void subscription.caughtUp().then(() => (at = Math.max(at, p)));
        return at >= p;
      },
      stop: () => subscription.stop(),
    };
  }
  const projection = libs.readModels.PROJECTIONS.find((p) => p.name === name);
  if (projection) {
    // As the API runs it: through RunningProjections, with the options it gives each projector.
    const projections = new app.RunningProjections(events, store, [projection]);
    const [projector] = projections.all;
    await projections.onApplicationBootstrap();
    return { reached: (p) => projector.position.position >= p, stop: () => projections.stop() };
  }
  switch (name) {
    case 'sealer': {
      const sealer = new app.Sealer(events, clock);
      await sealer.start();
      // The sealer keeps its place in its state (no getter in older builds): read it there.
      const at = () => (sealer as unknown as { state: { position: number } }).state.position;
      return { reached: (p) => at() >= p, stop: () => sealer.beforeApplicationShutdown() };
    }
    case 'case-reactor': {
      const reactor = new app.CaseReactor(events, store, new app.CaseRuntime(aggregates, calendars, config));
      await reactor.start();
      return { reached: (p) => reactor.checkpoint >= p, stop: () => reactor.stop() };
    }
    case 'deadline-scheduler': {
      const cases = new app.CaseRuntime(aggregates, calendars, config);
      const scheduler = new app.DeadlineScheduler(events, cases, new app.RequestRuntime(aggregates, calendars, config));
      await scheduler.start();
      // It keeps no checkpoint: ask its subscription, which resolves at the head of when it is asked.
      let folded = 0;
      let asking = false;
      return {
        reached: (p) => {
          if (folded < p && !asking) {
            asking = true;
            void scheduler.caughtUp().then(() => {
              folded = Math.max(folded, p);
              asking = false;
            });
          }
          return folded >= p;
        },
        stop: () => scheduler.stop(),
      };
    }
    case 'outbox': {
      // Never contacted: a satisfied rating calls for no notice.
      const notify = { url: 'http://127.0.0.1:9/', secret: 'x'.repeat(32), backoffBaseMs: 1000, backoffCapMs: 30_000, timeoutMs: 1000, maxTries: 1 };
      const outbox = new app.NotificationOutbox(events, store, { ...config, notify } as Application.AppConfig, clock);
      await outbox.onApplicationBootstrap();
      return { reached: (p) => outbox.position >= p, stop: () => outbox.beforeApplicationShutdown() };
    }
    default:
      throw new Error(`unknown subscriber ${name}: choose among ${subscriberNames(libs).join(', ')}`);
  }
}

/**
 * The main thread's CPU time in ms (Linux: its task's utime + stime, in clock ticks of 10 ms):
 * what the API's event loop would lose, where process.cpuUsage() adds the writer threads' share.
 */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const metadata = (sub: string) => ({
  schemaVersion: 1, recordedAt: new Date().toISOString(), actor: { role: 'enterprise' as const, sub }, correlationId: randomUUID(), causationId: randomUUID(),
});

async function appendAll(events: EventStores.EventStore, count: number, make: (i: number) => { stream: string; type: string; data: unknown; sub: string }): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const e = make(next++);
      await events.append(e.stream, [{ id: randomUUID(), type: e.type, data: e.data, metadata: metadata(e.sub) }], 'no_stream');
    }
  }));
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

/** One configuration, in this process: prints its figures as JSON. */
async function runOne(dist: string, names: string[]): Promise<void> {
  const libs = load(dist);
  const { testing, domain } = libs;
  const dir = mkdtempSync(join(tmpdir(), 'bench-subscriber-costs-'));
  const events = libs.eventStore.SqliteEventStore.open(join(dir, 'events.db'));
  const store = libs.readModels.SqliteReadModelStore.open(join(dir, 'read-models.db'));
  const counts = { commits: 0, indexReads: 0 };
  const commit = store.commit.bind(store);
  store.commit = (...args) => (counts.commits++, commit(...args));
  const getMany = store.getMany.bind(store);
  store.getMany = ((...args: Parameters<typeof getMany>) => (counts.indexReads++, getMany(...args))) as typeof store.getMany;
  try {
    const campaign = testing.opened(CAMPAIGN, { year: new Date().getFullYear(), opensAt: new Date(Date.now() - 86_400_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    await events.append(domain.streams.campaign(CAMPAIGN), [{ id: randomUUID(), type: campaign.type, data: campaign.data, metadata: metadata('bench') }], 'no_stream');
    const code = (i: number) => testing.creditCode(i);
    await appendAll(events, SUBMISSIONS, (i) => ({ stream: domain.streams.enterprise(code(i)), ...testing.registered(code(i)), sub: 'bench' }));
    const running: Running[] = [];
    for (const name of names) running.push(await startSubscriber(libs, name, events, store));
    const startHead = await events.headPosition();
    await until(() => running.every((r) => r.reached(startHead)));
    await new Promise((r) => setTimeout(r, QUIET_MS));

    const agencies = testing.AGENCIES.map((a) => a.id);
    const answers = { efficiency: 'satisfied', attitude: 'very_satisfied' };
    const before = { ...counts };
    const cpu = process.cpuUsage();
    const main = mainThreadCpuMs();
    const started = performance.now();
    await appendAll(events, SUBMISSIONS, (i) => ({
      stream: domain.streams.ballot(CAMPAIGN, code(i)),
      ...testing.submitted(code(i), agencies[i % agencies.length], 'satisfied', { campaignId: CAMPAIGN, answers }),
      sub: code(i),
    }));
    const head = await events.headPosition();
    await until(() => running.every((r) => r.reached(head)));
    const wallMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, QUIET_MS));
    const used = process.cpuUsage(cpu);
    const mainMs = mainThreadCpuMs() - main;
    const figures: RunFigures = {
      cpuMs: Math.round((used.user + used.system) / 1000), mainMs, wallMs: Math.round(wallMs),
      commits: counts.commits - before.commits, indexReads: counts.indexReads - before.indexReads,
    };
    for (const r of running) await r.stop();
    console.log(JSON.stringify(figures));
  } finally {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const [, value] = args.splice(at, 2);
    return value;
  };
  const dist = resolve(option('--dist') ?? join(__dirname, '..'));
  const one = option('--one');
  if (one !== undefined) return runOne(dist, one === 'none' ? [] : one === 'all' ? subscriberNames(load(dist)) : one.split(','));
  const rounds = Number(option('--rounds') ?? 3);
  const chosen = args.length > 0 ? args : [...subscriberNames(load(dist)), 'all'];
  const configs = ['none', 'feed', ...chosen];
  const runs = new Map<string, RunFigures[]>(configs.map((c) => [c, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const config of configs) {
      const out = execFileSync(process.execPath, [__filename, '--dist', dist, '--one', config], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const figures = JSON.parse(out.trim().split('\n').pop()!) as RunFigures;
      runs.get(config)!.push(figures);
      console.error(`round ${round}/${rounds} ${config}: ${JSON.stringify(figures)}`);
    }
  }
  // One subscriber alone also brings the log's shared read (the feed): its own cost is over the
  // feed's run; the feed's and every subscriber's together ('all') are over the run with nothing.
  const none = runs.get('none')!;
  const feed = runs.get('feed')!;
  const per1000 = (ms: number) => Math.round((ms * 1000) / SUBMISSIONS);
  const table = ['feed', ...chosen].map((config) => {
    const rs = runs.get(config)!;
    const base = config === 'feed' || config === 'all' ? none : feed;
    return {
      subscriber: config,
      cpuMsPer1000: per1000(median(rs.map((r, i) => r.cpuMs - base[i].cpuMs))),
      mainMsPer1000: per1000(median(rs.map((r, i) => r.mainMs - base[i].mainMs))),
      commitsPer1000: per1000(median(rs.map((r) => r.commits))),
      indexReadsPer1000: per1000(median(rs.map((r) => r.indexReads))),
    };
  });
  console.log(JSON.stringify({ dist, submissions: SUBMISSIONS, rounds, baseline: { cpuMs: median(none.map((r) => r.cpuMs)), mainMs: median(none.map((r) => r.mainMs)) }, table }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
