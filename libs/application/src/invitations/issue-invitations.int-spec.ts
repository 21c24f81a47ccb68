/**
 * Issuing a campaign's invitations on a real SQLite log: 60,512 codes (the demo's enterprises), which
 * in one append would be over the 1 MiB limit every adapter shares, go in several appends under it,
 * and a run cut short between two of them, run again, issues each code exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvitationsIssued, streams } from '@survey/domain';
import { creditCodes as codes } from '@survey/domain/testing';
import { appendSize, MAX_APPEND_BYTES, SqliteEventStore } from '@survey/event-store';
import type { EventStore } from '@survey/event-store';
import { Aggregates } from '../infrastructure/aggregates';
import { ManualClock } from '../infrastructure/clock';
import { IssueInvitationsCommand } from './invitation.commands';
import { INVITATIONS_PER_APPEND, IssueInvitationsHandler } from './invitation.handlers';
import { duringCampaign, opened } from '@survey/domain/testing';
import { anEvent } from '@survey/event-store/testing';

const meta = { actor: { role: 'admin' as const, sub: 'spec' }, correlationId: 'c' };


describe('IssueInvitationsHandler on a SQLite log', () => {
  let dir: string;
  let store: SqliteEventStore;
  const appends: { stream: string; bytes: number }[] = [];
  let failAppend: number | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'invitations-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    const { type, data } = opened('xz-2026', { opensAt: '2019-11-01T00:00:00.000Z', closesAt: '2020-01-31T00:00:00.000Z' });
    await store.append(streams.campaign('xz-2026'), [{ ...anEvent(type, data) }], 'no_stream');
    appends.length = 0;
    failAppend = undefined;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The store, counting appends and their sizes, failing the n-th one (as a crash between two would leave it). */
  const recording = (): EventStore => new Proxy(store, {
    get: (target, key) => {
      if (key !== 'append') return (Reflect.get(target, key) as (...a: unknown[]) => unknown).bind(target);
      return async (...args: Parameters<EventStore['append']>) => {
        if (appends.length + 1 === failAppend) throw new Error('connection lost');
        const result = await target.append(...args);
        appends.push({ stream: args[0], bytes: appendSize(args[1].map((e) => ({ ...e, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) }))) });
        return result;
      };
    },
  });
  const handler = () => new IssueInvitationsHandler(new Aggregates(recording(), new ManualClock(duringCampaign)));
  const issue = (creditCodes: string[]) => handler().execute(new IssueInvitationsCommand({ campaignId: 'xz-2026', creditCodes, graceDays: 7 }, meta));
  const issuedCodes = async () =>
    (await store.readStream(streams.invitations('xz-2026'))).flatMap((e) => (e as unknown as InvitationsIssued).data.creditCodes);

  it('issues 60,512 codes in several appends, each under the limit', async () => {
    const all = codes(60_512);
    await expect(issue(all)).resolves.toMatchObject({ fresh: all.length });
    expect(appends).toHaveLength(Math.ceil(all.length / INVITATIONS_PER_APPEND));
    for (const { bytes } of appends) expect(bytes).toBeLessThan(MAX_APPEND_BYTES);
    expect(await issuedCodes()).toEqual(all);
    const events = await store.readStream(streams.invitations('xz-2026'));
    expect(new Set(events.map((e) => (e as unknown as InvitationsIssued).data.issuedAt)).size).toBe(1); // one run, one `inv` time
  }, 60_000);

  it('is idempotent per part: a run cut short and run again issues each code exactly once', async () => {
    const all = codes(3 * INVITATIONS_PER_APPEND + 10);
    failAppend = 3;
    await expect(issue(all)).rejects.toThrow('connection lost');
    expect(await issuedCodes()).toEqual(all.slice(0, 2 * INVITATIONS_PER_APPEND));
    failAppend = undefined;
    await expect(issue(all)).resolves.toMatchObject({ fresh: all.length - 2 * INVITATIONS_PER_APPEND });
    expect(await issuedCodes()).toEqual(all);
    await expect(issue(all)).resolves.toMatchObject({ fresh: 0 });
    expect(await issuedCodes()).toHaveLength(all.length);
  }, 60_000);
});
