/**
 * The built server while another process holds events.db's write lock (as apps/projector's sealer
 * or a CLI command can, for an fsync under I/O pressure): a submission waits for the lock within the
 * budget (5 s) and is stored once; a lock held past the budget answers 503 problem+json with
 * Retry-After, nothing stored, and the same submission goes in once the lock is released.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pause } from '@survey/domain/testing';
import { token } from './support/app';
import { call, seedCampaign, ServerProcess, storedBallots } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(90_000);

const CAMPAIGN = 'lock-2019';
const adminToken = token('admin', 'admin-1');
const auditorToken = token('auditor', 'auditor-1');

describeOnEmbeddedStores('the built server while another process holds the write lock', () => {
  let dir: string;
  let server: ServerProcess;
  let codes: string[];
  let rival: Database.Database | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'write-lock-e2e-'));
    server = await ServerProcess.start(dir);
    codes = await seedCampaign(server, CAMPAIGN, 3, adminToken);
    await server.waitUntilCaughtUp();
  });
  afterAll(async () => {
    rival?.close();
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const holdWriteLock = () => {
    rival = new Database(join(dir, 'events.db'));
    rival.exec('BEGIN IMMEDIATE');
  };
  const release = () => {
    rival?.exec('ROLLBACK');
    rival?.close();
    rival = undefined;
  };
  const submit = (code: string) => call('PUT', `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/tax`, { token: token('enterprise', code), body: { rating: 'satisfied' }, timeoutMs: 30_000 });
  const eventsOf = async (code: string) =>
    (await storedBallots(server, CAMPAIGN, [code], { enterprise: (c) => token('enterprise', c), auditor: auditorToken })).get(code)?.events ?? 0;

  it('waits for a lock held 2 s and stores the submission once', async () => {
    holdWriteLock();
    const answer = submit(codes[0]);
    await pause(2000);
    release();
    expect((await answer).status).toBe(201);
    expect(await eventsOf(codes[0])).toBe(1);
  });

  it('answers 503 problem+json with Retry-After when the lock is held past the budget, stores nothing, and takes the submission once released', async () => {
    holdWriteLock();
    const started = Date.now();
    const refused = await submit(codes[1]);
    const waited = Date.now() - started;
    release();

    expect(refused.status).toBe(503);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({
      status: 503, detail: 'storage is unavailable (SQLITE_BUSY on events.db): the request was not acknowledged; try again in 5 s', requestId: refused.headers['x-request-id'],
    });
    expect(waited).toBeGreaterThanOrEqual(5000);
    expect(await eventsOf(codes[1])).toBe(0);

    expect((await submit(codes[1])).status).toBe(201);
    expect(await eventsOf(codes[1])).toBe(1);
  });
});
