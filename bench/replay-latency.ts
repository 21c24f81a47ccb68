/**
 * Latency while the log is replayed: /v1/health and durable submissions, one at a time each, first
 * with nothing else running (the baseline), then while four as-of headline reports at different
 * times and a verification replay the demo's log (630,000 events, written in the order they were
 * recorded, so each time resolves to a position of its own) on the server's replay threads.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { DEFAULT_QUESTIONS, DEFAULT_SCALE, streams } from '@survey/domain';
import { NewEvent, SqliteEventStore } from '@survey/event-store';
import { buildDemoPlan } from '../apps/cli/src/demo/demo-plan';
import { percentile } from './support';

interface Timed {
  at: string;
  stream: string;
  type: string;
  data: unknown;
}

/** The demo plan's registrations, openings and ballot actions as events, in the order of their times. */
export async function writeDemoLogInOrder(dir: string): Promise<{ events: number; enterprises: string[]; agencies: { id: string; name: string }[] }> {
  const plan = buildDemoPlan();
  const profiles = new Map(plan.enterprises.map((e) => [e.creditCode, e]));
  const timed: Timed[] = plan.enterprises.map((e) => ({ at: '2018-10-01T00:00:00.000Z', stream: streams.enterprise(e.creditCode), type: 'EnterpriseRegistered', data: e }));
  for (const c of plan.campaigns) {
    const data = { campaignId: c.id, year: c.year, title: c.title, opensAt: c.opensAt, closesAt: c.closesAt, agencies: plan.agencies, questions: DEFAULT_QUESTIONS, scale: DEFAULT_SCALE };
    timed.push({ at: c.opensAt, stream: streams.campaign(c.id), type: 'CampaignOpened', data });
  }
  for (const b of plan.ballots) {
    const { district, industry, size } = profiles.get(b.creditCode)!;
    const current = new Set<string>();
    for (const a of b.actions) {
      const key = { campaignId: b.campaignId, creditCode: b.creditCode, agencyId: a.agencyId };
      const stream = streams.ballot(b.campaignId, b.creditCode);
      if (a.kind === 'withdraw') {
        current.delete(a.agencyId);
        timed.push({ at: a.at, stream, type: 'EvaluationWithdrawn', data: key });
      } else {
        const type = current.has(a.agencyId) ? 'EvaluationRevised' : 'EvaluationSubmitted';
        current.add(a.agencyId);
        timed.push({ at: a.at, stream, type, data: { ...key, rating: a.rating, answers: a.answers, comment: a.comment, district, industry, size } });
      }
    }
  }
  timed.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0)); // stable: a ballot's actions keep their order
  const store = SqliteEventStore.open(join(dir, 'events.db'));
  const meta = (at: string) => ({ schemaVersion: 1, recordedAt: at, actor: { role: 'system' as const, sub: 'bench' }, correlationId: randomUUID(), causationId: randomUUID() });
  // Appends called in order land in order: the log's positions follow recordedAt.
  for (let i = 0; i < timed.length; i += 5000) {
    await Promise.all(timed.slice(i, i + 5000).map((t) => store.append(t.stream, [{ id: randomUUID(), type: t.type, data: t.data, metadata: meta(t.at) } satisfies NewEvent], 'any')));
  }
  const events = await store.headPosition();
  await store.close();
  return { events, enterprises: plan.enterprises.map((e) => e.creditCode), agencies: plan.agencies };
}

interface Answer {
  status: number;
  ms: number;
  body: string;
}

function call(agent: Agent | false, url: string, method: string, token?: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload) headers['content-type'] = 'application/json';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

export interface ReplayLatency {
  health: { idle: ReturnType<typeof summary>; replaying: ReturnType<typeof summary> };
  submit: { idle: ReturnType<typeof summary>; replaying: ReturnType<typeof summary> };
  replaySeconds: number;
}

/** On a server over writeDemoLogInOrder's log: publishes xz-2019, opens a live campaign, then measures. */
export async function replayLatency(url: string, secret: string, world: { enterprises: string[]; agencies: { id: string; name: string }[] }): Promise<ReplayLatency> {
  const sign = (role: string, sub: string) => jwt.sign({ role }, secret, { algorithm: 'HS256', subject: sub, expiresIn: 3600 });
  const admin = sign('admin', 'bench');
  const must = async (answer: Promise<Answer>, what: string, status: number) => {
    const a = await answer;
    if (a.status !== status) throw new Error(`${what}: ${a.status} ${a.body}`);
  };
  await must(call(false, `${url}/v1/campaigns/xz-2019/close`, 'POST', admin), 'closing xz-2019', 200);
  await must(call(false, `${url}/v1/campaigns/xz-2019/publish`, 'POST', admin), 'publishing xz-2019', 200);
  const now = Date.now();
  const live = { id: 'bench-live', year: 2026, title: 'bench', opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(), agencies: world.agencies };
  await must(call(false, `${url}/v1/campaigns`, 'POST', admin, live), 'opening the live campaign', 201);

  let next = 0;
  /** Health and first submissions of distinct enterprises, one at a time each, until `done` settles. */
  const measure = async (done: Promise<unknown>) => {
    let running = true;
    const stop = () => (running = false);
    done.then(stop, stop);
    const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const submitAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const health: number[] = [];
    const submit: number[] = [];
    await Promise.all([
      (async () => {
        while (running) {
          const a = await call(healthAgent, `${url}/v1/health`, 'GET');
          if (a.status !== 200) throw new Error(`health: ${a.status}`);
          health.push(a.ms);
          await new Promise((r) => setTimeout(r, 5));
        }
      })(),
      (async () => {
        while (running) {
          const n = next++;
          const code = world.enterprises[n % world.enterprises.length];
          const agency = world.agencies[Math.floor(n / world.enterprises.length) % world.agencies.length].id;
          const a = await call(submitAgent, `${url}/v1/campaigns/bench-live/evaluations/${agency}`, 'PUT', sign('enterprise', code), { rating: 'satisfied' });
          if (a.status !== 201) throw new Error(`submission: ${a.status} ${a.body}`);
          submit.push(a.ms);
        }
      })(),
    ]);
    healthAgent.destroy();
    submitAgent.destroy();
    await done;
    return { health: summary(health), submit: summary(submit) };
  };

  const idle = await measure(new Promise((r) => setTimeout(r, 5000)));
  const analyst = sign('analyst', 'bench');
  const auditor = sign('auditor', 'bench');
  const started = performance.now();
  const replays = Promise.all([
    ...['2019-12-10', '2019-12-15', '2019-12-20', '2019-12-25'].map((day) =>
      must(call(false, `${url}/v1/reports/campaigns/xz-2019?asOf=${day}T00:00:00Z`, 'GET', analyst), `as-of ${day}`, 200)),
    must(call(false, `${url}/v1/audit/campaigns/xz-2019/verify`, 'GET', auditor), 'verify', 200),
  ]).then(() => (performance.now() - started) / 1000);
  const replaying = await measure(replays);
  return {
    health: { idle: idle.health, replaying: replaying.health },
    submit: { idle: idle.submit, replaying: replaying.submit },
    replaySeconds: await replays,
  };
}
