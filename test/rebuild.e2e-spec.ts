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
import { token } from './support/app';
import { CliProcess } from './support/cli-process';
import { call, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';
import { expectedFigures, figuresFromLog, figuresIn, LEVELS, Report } from './support/log-figures';
import { pause } from '@survey/domain/testing';

jest.setTimeout(90_000);

const CAMPAIGN = 'rebuild-2019';
const AGENCIES = ['tax', 'police', 'housing'];
const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');

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
    expect(figuresIn(final)).toEqual(await figuresFromLog(dataDir, CAMPAIGN, head.head));

    // Every report read meanwhile (before, during and after both runs) is the log's at its position.
    expect(reports.length).toBeGreaterThan(5);
    const positions = reports.map((r) => Number(r.asOf.position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b)); // never back in time, across the switch
    for (const report of reports) {
      expect({ at: report.asOf.position, ...figuresIn(report) }).toEqual({ at: report.asOf.position, ...(await figuresFromLog(dataDir, CAMPAIGN, Number(report.asOf.position))) });
    }
  });
});
