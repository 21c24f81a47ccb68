/**
 * `survey rebuild` without downtime, on the built server and the built CLI as child processes:
 * while enterprises keep submitting over HTTP, a rebuild is interrupted with SIGINT midway, then
 * resumed to its switch. Every report read meanwhile equals the figures replayed from the log at
 * the report's own position, and the final report counts every acknowledged submission once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool } from '@survey/application';
import { SqliteEventStore } from '@survey/event-store';
import { token } from './support/app';
import { CliProcess } from './support/cli-process';
import { call, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';
import { pause } from '@survey/domain/testing';

jest.setTimeout(90_000);

const CAMPAIGN = 'rebuild-2019';
const AGENCIES = ['tax', 'police', 'housing'];
const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
const SATISFIED = new Set(LEVELS.slice(0, 2));
const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');

interface Figures {
  respondents: number;
  evaluations: number;
  rate: number | null;
  agencies: Record<string, number>;
}

/** Current ratings (credit code/agency → level) → the headline's counts, rate rounded half away from zero. */
function expectedFigures(current: Map<string, string>): Figures {
  const agencies: Record<string, number> = {};
  let satisfied = 0;
  for (const [key, level] of current) {
    const agency = key.split('/')[1];
    agencies[agency] = (agencies[agency] ?? 0) + 1;
    if (SATISFIED.has(level)) satisfied++;
  }
  const n = current.size;
  return {
    respondents: new Set([...current.keys()].map((k) => k.split('/')[0])).size,
    evaluations: n,
    rate: n === 0 ? null : Math.floor((2000 * satisfied + n) / (2 * n)) / 10,
    agencies,
  };
}

/** The figures replayed from the log itself, up to a position: what the read models must say there. */
async function figuresFromLog(dataDir: string, upTo: number): Promise<Figures> {
  const log = SqliteEventStore.open(join(dataDir, 'events.db'));
  try {
    const current = new Map<string, string>();
    for (let after = 0; after < upTo; ) {
      const batch = (await log.readAll(after, 1000)).filter((e) => e.position <= upTo);
      if (batch.length === 0) break;
      for (const e of batch) {
        const data = e.data as { campaignId?: string; creditCode?: string; agencyId?: string; rating?: string };
        // Ballot events only: a rectification case's events name the campaign, agency and enterprise too.
        if (!e.stream.startsWith('ballot-') || data.campaignId !== CAMPAIGN || !data.agencyId) continue;
        const key = `${data.creditCode}/${data.agencyId}`;
        if (e.type === 'EvaluationSubmitted' || e.type === 'EvaluationRevised') current.set(key, data.rating!);
        else current.delete(key);
      }
      after = batch[batch.length - 1].position;
    }
    return expectedFigures(current);
  } finally {
    await log.close();
  }
}

interface Report {
  respondents: number;
  evaluations: number;
  satisfaction: { rate: number | null };
  agencies: { agencyId: string; evaluations: number }[];
  asOf: { position: string };
}

const figuresIn = (r: Report): Figures => ({
  respondents: r.respondents,
  evaluations: r.evaluations,
  rate: r.satisfaction.rate,
  agencies: Object.fromEntries(r.agencies.filter((a) => a.evaluations > 0).map((a) => [a.agencyId, a.evaluations])),
});

describeOnEmbeddedStores('survey rebuild while the service serves and takes submissions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-rebuild-'));
  let server: ServerProcess | undefined;
  const clis: CliProcess[] = [];

  afterAll(async () => {
    for (const cli of clis) cli.child.kill('SIGKILL');
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the log\'s figures throughout, is interrupted and resumed, switches, and loses or doubles nothing', async () => {
    server = await ServerProcess.start(dataDir);
    const url = server.url;
    const codes = await seedCampaign(server, CAMPAIGN, 120, adminToken);
    const tokens = new Map(codes.map((code) => [code, token('enterprise', code)]));
    const acknowledged = new Map<string, string>(); // what the service said it stored: code/agency → level

    // Enterprises rate, revise and withdraw; the ledger follows every acknowledged answer.
    let step = 0;
    const act = async () => {
      const i = step++;
      const code = codes[(i * 7) % codes.length];
      const agency = AGENCIES[i % AGENCIES.length];
      const key = `${code}/${agency}`;
      const path = `${url}/v1/campaigns/${CAMPAIGN}/evaluations/${agency}`;
      if (i % 11 === 10 && acknowledged.has(key)) {
        const res = await call('DELETE', path, { token: tokens.get(code) });
        if (res.status !== 204) throw new Error(`withdraw: ${res.status} ${JSON.stringify(res.body)}`);
        acknowledged.delete(key);
        return;
      }
      const level = LEVELS[(i * 3) % LEVELS.length];
      const res = await call('PUT', path, { token: tokens.get(code), body: { rating: level } });
      if (res.status !== 200 && res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      acknowledged.set(key, level);
    };
    await pool(Array.from({ length: 360 }), 8, act);

    let submitting = true;
    const submitter = Promise.all(Array.from({ length: 3 }, async () => {
      while (submitting) await act();
    }));
    const reports: Report[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const res = await call('GET', `${url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken });
        if (res.status !== 200) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
        reports.push(res.body as Report);
        await pause(150);
      }
    })();

    // First run, slowed down so that it is caught midway, then interrupted with Ctrl-C.
    const first = CliProcess.start(['rebuild', 'reports', '--json', '--max-rate', '150'], { DATA_DIR: dataDir });
    clis.push(first);
    for (;;) {
      const lines = [...first.stderr.matchAll(/rebuild reports: ([\d,]+)\//g)];
      if (lines.length && Number(lines[lines.length - 1][1].replace(/,/g, '')) >= 150) break;
      if (first.child.exitCode !== null) throw new Error(`the rebuild ended before it could be interrupted: ${first.stdout} ${first.stderr}`);
      await first.stderrMatching(/rebuild reports: /);
      await pause(50);
    }
    first.child.kill('SIGINT');
    const stopped = await first.exited;
    expect({ code: stopped.code, stderr: stopped.stderr }).toMatchObject({ code: 130 });
    const interrupted = JSON.parse(stopped.stdout).projections[0];
    expect(interrupted).toMatchObject({ projection: 'reports', outcome: 'interrupted', generation: 1 });
    expect(interrupted.position).toBeGreaterThanOrEqual(150);
    expect(interrupted.position).toBeLessThan(interrupted.head);

    // Second run resumes from the new generation's own checkpoint and switches.
    const second = CliProcess.start(['rebuild', 'reports', '--json', '--max-rate', '600'], { DATA_DIR: dataDir });
    clis.push(second);
    const finished = await second.exited;
    expect({ code: finished.code, stderr: finished.stderr }).toMatchObject({ code: 0 });
    expect(finished.stderr).toMatch(/rebuild reports: [\d,]+\/[\d,]+ events, [\d,]+ events\/s, ETA /); // progress on stderr
    const switched = JSON.parse(finished.stdout).projections[0];
    expect(switched).toMatchObject({ projection: 'reports', outcome: 'switched', generation: 1, previous: 0, resumedFrom: interrupted.position });

    await pause(800); // submissions go on after the switch: the API's projector must follow it
    submitting = false;
    await submitter;
    sampling = false;
    await sampler;
    await server.waitUntilCaughtUp();

    const final = (await call('GET', `${url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken })).body as Report;
    const head = (await call('GET', `${url}/v1/health/ready`)).body as { head: number; projections: { name: string; generation: number; lag: number }[] };
    expect(head.projections).toContainEqual(expect.objectContaining({ name: 'reports', generation: 1, lag: 0 }));
    for (const p of head.projections) expect(p).toMatchObject({ lag: 0, generation: p.name === 'reports' ? 1 : 0 }); // the others untouched
    expect(Number(final.asOf.position)).toBe(head.head);
    expect(figuresIn(final)).toEqual(expectedFigures(acknowledged));
    expect(figuresIn(final)).toEqual(await figuresFromLog(dataDir, head.head));

    // Every report read meanwhile (before, during and after both runs) is the log's at its position.
    expect(reports.length).toBeGreaterThan(5);
    const positions = reports.map((r) => Number(r.asOf.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b)); // never back in time, across the switch
    for (const report of reports) {
      expect({ at: report.asOf.position, ...figuresIn(report) }).toEqual({ at: report.asOf.position, ...(await figuresFromLog(dataDir, Number(report.asOf.position))) });
    }
  });
});
