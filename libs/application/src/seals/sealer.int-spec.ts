/**
 * The Sealer on a real SQLite log: seals every N events, on demand and after a publication, two
 * sealers racing on one log still give one line of seals, and every seal checks out against the
 * log as stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEALS_STREAM } from '@survey/domain';
import { EventStore, openStoredLog, Seal, SqliteEventStore, verifyLog } from '@survey/event-store';
import type { AppConfig } from '../config/config';
import { systemClock } from '../infrastructure/clock';
import { Sealer } from './sealer';
import { anEvent } from '@survey/event-store/testing';
import { pause } from '@survey/domain/testing';

const dir = mkdtempSync(join(tmpdir(), 'sealer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function setup(everyEvents = 100, everyMs = 60_000) {
  const file = join(dir, `events-${++n}.db`);
  const store = SqliteEventStore.open(file, { pollIntervalMs: 20 });
  const sealer = (): Sealer => {
    const s = new Sealer(store, systemClock, { inProcessProjector: true } as AppConfig);
    s.options = { everyEvents, everyMs };
    return s;
  };
  const append = (streams: number, perStream: number) =>
    Promise.all(Array.from({ length: streams }, (_, s) => store.append(`s${n}-${s}`, Array.from({ length: perStream }, () => anEvent()), 'any')));
  const verify = () => {
    const log = openStoredLog(file);
    try {
      return verifyLog(log);
    } finally {
      log.close();
    }
  };
  const seals = async () => (await store.readStream(SEALS_STREAM)).map((e) => e.data as Seal);
  return { store, sealer, append, verify, seals };
}

describe('Sealer', () => {
  it('seals every N events while following the log, and each seal checks out', async () => {
    const { store, sealer, append, verify, seals } = setup(100);
    const s = sealer();
    await s.start();
    await append(10, 35); // 350 events
    await s.sealNow();
    await s.beforeApplicationShutdown();
    const all = await seals();
    // 350 events: seals at 100, 200, 300 (each listing 100 events, seals included), then the rest on demand.
    expect(all.slice(0, 3).map((x) => x.count)).toEqual([100, 200, 300]);
    expect(all.every((x, i) => x.digests.length === 8 * (x.count - (all[i - 1]?.count ?? 0)))).toBe(true);
    // sealNow ran before the subscription's first batch: it folded the 350 events itself, sealing
    // every 100 on the way, and its seal covers the log's head when it was called.
    expect(all[all.length - 1]).toMatchObject({ position: 350, count: 350 });
    const report = verify();
    expect(report).toMatchObject({ ok: true, seals: all.length, sealedUpTo: 350, unsealed: all.length, break: null });
    await store.close();
  });

  it('returns the last seal from sealNow when only seals came after it', async () => {
    const { store, sealer, append } = setup();
    const s = sealer();
    await append(3, 2);
    const first = await s.sealNow();
    expect(first).toMatchObject({ position: 6, count: 6 });
    await expect(s.sealNow()).resolves.toEqual(first);
    await append(1, 1);
    await expect(s.sealNow()).resolves.toMatchObject({ position: 8, count: 8 }); // the first seal and the new event
    await store.close();
  });

  it('seals right after a publication, and after the interval when events wait', async () => {
    const { store, sealer, seals } = setup(1000, 200);
    const s = sealer();
    await s.start();
    await store.append('campaign-x', [anEvent('CampaignOpened'), anEvent('ResultsPublished')], 'no_stream');
    for (let i = 0; i < 50 && (await seals()).length === 0; i++) await pause(20);
    expect(await seals()).toEqual([expect.objectContaining({ position: 2, count: 2 })]);
    await store.append('other', [anEvent()], 'no_stream');
    await pause(1300);
    expect((await seals()).map((x) => x.count)).toEqual([2, 4]);
    await s.beforeApplicationShutdown();
    await store.close();
  });

  it('keeps one line of seals when two sealers race on the same log', async () => {
    const { store, sealer, append, verify, seals } = setup(50);
    const [a, b] = [sealer(), sealer()];
    await a.start();
    const writes = append(20, 12);
    const raced = await Promise.all([b.sealNow(), writes.then(() => b.sealNow()), writes.then(() => a.sealNow())]);
    await a.beforeApplicationShutdown();
    expect(raced.slice(1).every((x) => x.count >= 240)).toBe(true);
    const all = await seals();
    all.slice(1).forEach((x, i) => expect(x.position).toBeGreaterThan(all[i].position));
    expect(verify()).toMatchObject({ ok: true, break: null });
    await store.close();
  });

  it('continues from the seal another sealer appended between its read and its append', async () => {
    const { store, sealer, append, verify, seals } = setup();
    const a = sealer();
    let raced = false;
    // b's store lets a seal first, just before b's own seal reaches the log.
    const racing: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (args[0] === SEALS_STREAM && !raced) {
          raced = true;
          await append(1, 1);
          await a.sealNow();
        }
        return store.append(...args);
      },
    });
    const b = new Sealer(racing, systemClock, { inProcessProjector: true } as AppConfig);
    await append(2, 3);
    const won = await b.sealNow(); // its append at no_stream fails: a's seal is there, covering more
    expect(raced).toBe(true);
    expect(won).toMatchObject({ position: 7, count: 7 });
    expect((await seals()).map((x) => x.count)).toEqual([7]);
    await append(1, 1);
    expect(await b.sealNow()).toMatchObject({ position: 9, count: 9 }); // a's seal and the new event
    expect(verify()).toMatchObject({ ok: true, seals: 2 });
    await store.close();
  });
});
