/**
 * `survey verify --chain` on a seeded events.db and on copies tampered with: one event's bytes
 * edited, one event deleted, two events swapped (and two subtler cases only the seals catch).
 * Each copy must be reported at the first event that does not match; the untouched file passes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppConfig, Sealer, systemClock } from '@survey/application';
import { ChainReport, eventHash, GENESIS, SqliteEventStore } from '@survey/event-store';
import { UsageError } from '../conventions';
import { parsePrintedSeal, PrintedSeal, runVerifyChain } from './run-verify-chain';
import { anEvent } from '@survey/event-store/testing';

const root = mkdtempSync(join(tmpdir(), 'verify-chain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const seeded = join(root, 'seeded', 'events.db');

beforeAll(async () => {
  const store = SqliteEventStore.open(seeded);
  const sealer = new Sealer(store, systemClock, { inProcessProjector: false } as AppConfig);
  sealer.options = { everyEvents: 100, everyMs: 60_000 };
  // 40 streams written in 15 rounds of concurrent appends, so the streams interleave in the log.
  for (let round = 0; round < 15; round++) {
    await Promise.all(Array.from({ length: 40 }, (_, s) => store.append(`ballot-x-${s}`, [anEvent('EvaluationSubmitted', { rating: 'satisfied', round })], round === 0 ? 'no_stream' : round - 1)));
  }
  await sealer.sealNow();
  await store.append('ballot-x-0', [anEvent()], 14); // a tail the seals do not cover yet
  await store.close();
});

/** A copy of the seeded file with `tamper` applied to it; returns the verification's exit code and report. */
function verifyCopy(name: string, tamper?: (db: Database.Database) => void, seal?: PrintedSeal): { code: number; report: ChainReport & { printedSeal?: PrintedSeal & { matches: boolean } } } {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(seeded, join(dir, 'events.db'));
  if (tamper) {
    const db = new Database(join(dir, 'events.db'));
    tamper(db);
    db.close();
  }
  let out = '';
  const code = runVerifyChain({ dataDir: dir }, { json: true, seal, print: (text) => (out = text), progress: () => undefined });
  return { code, report: JSON.parse(out) as ChainReport };
}

const row = (db: Database.Database, where: string) =>
  db.prepare(`SELECT * FROM events WHERE stream != 'audit-seals' AND ${where} ORDER BY position LIMIT 1`).get() as {
    position: number; stream: string; revision: number; type: string; data: string; metadata: string; hash: string;
  };

describe('survey verify --chain', () => {
  it('passes the untouched log, every sealed event accounted for', () => {
    const { code, report } = verifyCopy('untouched');
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, events: 600 + 6 + 1, streams: 41, break: null, unsealed: 7 }); // six seals and the tail event
    expect(report.seals).toBe(6);
  });

  it('checks a printed seal against the rolling hash the log gives at its position', () => {
    const db = new Database(seeded, { readonly: true });
    const last = JSON.parse((db.prepare("SELECT data FROM events WHERE stream = 'audit-seals' ORDER BY revision DESC LIMIT 1").get() as { data: string }).data);
    db.close();
    const printed = parsePrintedSeal(`${last.position}:${last.rollingHash}`);
    expect(verifyCopy('printed', undefined, printed)).toMatchObject({ code: 0, report: { printedSeal: { matches: true }, at: { position: last.position, count: last.count } } });
    const wrong = { ...printed, rollingHash: printed.rollingHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    expect(verifyCopy('misprinted', undefined, wrong)).toMatchObject({ code: 1, report: { ok: true, printedSeal: { matches: false } } });
    expect(() => parsePrintedSeal('600:abc')).toThrow(UsageError);
  });

  it("names an event whose bytes were edited", () => {
    let target!: ReturnType<typeof row>;
    const { code, report } = verifyCopy('edited', (db) => {
      target = row(db, 'position >= 250');
      db.prepare("UPDATE events SET data = replace(data, 'satisfied', 'dissatisfied') WHERE position = ?").run(target.position);
    });
    expect(code).toBe(1);
    expect(report.break).toMatchObject({ what: 'bytes', position: target.position, stream: target.stream, revision: target.revision });
  });

  it('names where an event was deleted', () => {
    let target!: ReturnType<typeof row>;
    const { code, report } = verifyCopy('deleted', (db) => {
      target = row(db, 'position >= 330');
      db.prepare('DELETE FROM events WHERE position = ?').run(target.position);
    });
    expect(code).toBe(1);
    expect(report.break).toMatchObject({ what: 'presence', position: target.position + 1 });
    expect(report.break?.detail).toContain(`after position ${target.position - 1}`);
  });

  it('names the first of two swapped events', () => {
    let first!: ReturnType<typeof row>;
    const { code, report } = verifyCopy('swapped', (db) => {
      first = row(db, 'position >= 410');
      const second = row(db, `position > ${first.position + 3} AND stream != '${first.stream}'`);
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(first.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(first.position, second.position);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(second.position);
    });
    expect(code).toBe(1);
    expect(report.break).toMatchObject({ what: 'order', position: first.position });
  });

  it('catches, through the seals, an edit whose chain hashes were recomputed', () => {
    let target!: ReturnType<typeof row>;
    const { code, report } = verifyCopy('rehashed', (db) => {
      target = row(db, 'position >= 120');
      const rows = db.prepare('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision').all(target.stream, target.revision) as (typeof target)[];
      const before = db.prepare('SELECT hash FROM events WHERE stream = ? AND revision = ?').get(target.stream, target.revision - 1) as { hash: string } | undefined;
      let previous = before?.hash ?? GENESIS;
      for (const r of rows) {
        const data = r.position === target.position ? r.data.replace('satisfied', 'dissatisfied') : r.data;
        previous = eventHash(previous, { ...r, data });
        db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?').run(data, previous, r.position);
      }
    });
    expect(code).toBe(1);
    expect(report.break).toMatchObject({ what: 'bytes', position: target.position });
    expect(report.break?.detail).toMatch(/altered after seal/);
  });

  it("catches, through the seals, the removal of a stream's last event", () => {
    let target!: ReturnType<typeof row>;
    const { code, report } = verifyCopy('truncated', (db) => {
      target = row(db, "stream = 'ballot-x-7' AND revision = 14");
      db.prepare('DELETE FROM events WHERE position = ?').run(target.position);
    });
    expect(code).toBe(1);
    expect(report.break).toMatchObject({ what: 'presence' });
    expect(report.break?.detail).toContain(`after position ${target.position - 1}`);
  });
});
