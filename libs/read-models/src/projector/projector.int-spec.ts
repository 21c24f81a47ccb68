/**
 * The projector over real SQLite files: the same documents however the folding is cut up, no
 * double counting after a failed commit, and a checkpoint that says exactly what is folded in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SurveyEvent } from '@survey/domain';
import { SqliteEventStore } from '@survey/event-store';
import type { EventStore } from '@survey/event-store';
import { AgencyStatsDoc, CampaignStatsDoc, COLLECTIONS as C } from '../projections/report-docs';
import { reportsProjection } from '../projections/reports.projection';
import { ProjectionFailed, Projector, ProjectorOptions } from './projector';
import type { Doc, ReadModelStore } from '../read-model-store.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { withCommit } from '../testing/doubles';
import { aHistory, counts, expectedCounts } from '../testing/report-history';
import { acme, deferred, globex, opened, pause, registered, submitted, withdrawn } from '@survey/domain/testing';
import { recordedAtOf, streamOf, toNew } from '@survey/event-store/testing';

const dir = mkdtempSync(join(tmpdir(), 'projector-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (name: string) => join(dir, `${++files}-${name}.db`);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const openEvents = () => {
  const store = SqliteEventStore.open(file('events'), { pollIntervalMs: 20 });
  cleanups.push(() => store.close());
  return store;
};
const openReadModels = (path = file('read-models')) => {
  const store = SqliteReadModelStore.open(path);
  cleanups.push(() => store.close());
  return store;
};
const projectorOver = (events: EventStore, readModels: ReadModelStore, options?: ProjectorOptions) => {
  const projector = new Projector(events, readModels, reportsProjection, options);
  cleanups.push(() => projector.stop());
  return projector;
};

/** Appends in one turn, so one group commit keeps the given order; returns the head. */
async function appendAll(events: EventStore, history: SurveyEvent[], from = 0): Promise<number> {
  const results = await Promise.all(history.map((e, i) => events.append(streamOf(e), [toNew(e, from + i)], 'any')));
  return results[results.length - 1].position;
}

/** The store with each commit's checkpoint position recorded, in order. */
function countingCommits(store: ReadModelStore): { commits: number[]; counted: ReadModelStore } {
  const commits: number[] = [];
  const counted = withCommit(store, async (...args) => {
    commits.push(args[2].position);
    return store.commit(...args);
  });
  return { commits, counted };
}

async function run(events: EventStore, readModels: ReadModelStore, options?: ProjectorOptions): Promise<void> {
  const projector = projectorOver(events, readModels, options);
  await projector.start();
  await projector.catchUp(5000);
  await projector.stop();
}

async function dump(readModels: ReadModelStore): Promise<Record<string, Doc[]>> {
  const entries = await Promise.all(reportsProjection.collections.map(async (c) => [c, await readModels.list(c)] as const));
  return Object.fromEntries(entries);
}

async function expectCountsOf(readModels: ReadModelStore, history: SurveyEvent[]): Promise<void> {
  const expected = expectedCounts(history);
  expect(Object.keys(expected).sort()).toEqual(['xz-2018', 'xz-2019']);
  for (const [campaignId, { respondents, levels, questions, agencies }] of Object.entries(expected)) {
    const stats = (await readModels.get<CampaignStatsDoc>(C.campaignStats, campaignId))!;
    expect({ respondents: stats.respondents, ...counts(stats) }).toEqual({ respondents, levels, questions });
    const docs = await readModels.list<AgencyStatsDoc>(C.agencyStats, `${campaignId}/`);
    const byAgency = docs.map((d) => [d.agencyId, counts(d)] as const).filter(([, c]) => Object.keys(c.levels).length > 0);
    expect(Object.fromEntries(byAgency)).toEqual(agencies);
  }
}

describe('Projector over SQLite', () => {
  it('folds the log into the same documents in one run, stopped midway and resumed, or rebuilt with a small cache', async () => {
    const events = openEvents();
    const history = aHistory(400);
    const head = await appendAll(events, history);
    const oneRun = openReadModels();
    await run(events, oneRun, { batchSize: 1000 });
    await expectCountsOf(oneRun, history);
    const expected = await dump(oneRun);

    // Hold the commit that reaches the middle of the log, and ask the projector to stop meanwhile.
    const resumedFile = file('resumed');
    const first = openReadModels(resumedFile);
    const [reached, gate] = [deferred(), deferred()];
    let held = false;
    const gated = withCommit(first, async (...args) => {
      if (!held && args[2].position >= head / 2) {
        held = true;
        reached.resolve();
        await gate.promise;
      }
      return first.commit(...args);
    });
    // Two batches held per commit at most: the stop lands between commits of a catch-up that holds.
    const stopping = projectorOver(events, gated, { batchSize: 25, holdEvents: 50 });
    await stopping.start();
    await reached.promise;
    const stopped = stopping.stop();
    gate.resolve();
    await stopped;
    const midway = await first.checkpoint('reports');
    expect(midway.position).toBeGreaterThanOrEqual(head / 2);
    expect(midway.position).toBeLessThan(head);
    await pause(50);
    expect(await first.checkpoint('reports')).toEqual(midway); // stopped means stopped
    await first.close();

    const resumed = openReadModels(resumedFile);
    await run(events, resumed, { batchSize: 25, cacheSize: 10 });
    expect(await dump(resumed)).toEqual(expected);

    const rebuilt = openReadModels();
    await run(events, rebuilt, { batchSize: 7, cacheSize: 50 });
    expect(await dump(rebuilt)).toEqual(expected);
  });

  it.each([
    ['before anything is written', false],
    ['after the batch is written (the reply is lost)', true],
  ])('counts nothing twice when a commit fails %s and the projector starts again', async (_, written) => {
    const events = openEvents();
    const history = aHistory(300, 7);
    const head = await appendAll(events, history);
    const store = openReadModels();
    let failed = false;
    const flaky = withCommit(store, async (...args) => {
      if (failed || args[2].position < head / 2) return store.commit(...args);
      failed = true;
      if (written) await store.commit(...args);
      throw new Error('disk unplugged');
    });
    const errors: unknown[] = [];
    const reported = deferred();
    const projector = projectorOver(events, flaky, { batchSize: 20, holdEvents: 40, onError: (e) => (errors.push(e), reported.resolve()) });
    await projector.start();
    await reported.promise;
    // Named with the batch whose commit failed: the positions after the last acknowledged commit.
    expect(projector.error).toBeInstanceOf(ProjectionFailed);
    const failure = projector.error as ProjectionFailed;
    expect(failure).toMatchObject({ projection: 'reports', event: null, cause: new Error('disk unplugged') });
    expect(failure.from).toBeLessThanOrEqual(failure.to);
    expect((await store.checkpoint('reports')).position).toBe(written ? failure.to : failure.from - 1);
    expect(failure.message).toBe(`projection reports failed committing positions ${failure.from}-${failure.to}: disk unplugged`);
    expect((await store.checkpoint('reports')).position).toBeLessThan(head);

    await projector.start();
    await projector.catchUp(5000);
    expect(errors).toHaveLength(1);
    await expectCountsOf(store, history);
    const clean = openReadModels();
    await run(events, clean);
    expect(await dump(store)).toEqual(await dump(clean));
  });

  it('resolves waitFor and catchUp once the stored checkpoint reaches the head', async () => {
    const events = openEvents();
    const readModels = openReadModels();
    const projector = projectorOver(events, readModels);
    await projector.start();
    await expect(projector.catchUp(1000)).resolves.toEqual({ position: 0, recordedAt: null }); // an empty log
    let reached = false;
    const waiting = projector.waitFor(3, 5000).then(() => (reached = true));
    await pause(50);
    expect(reached).toBe(false);
    expect(await appendAll(events, [opened(), submitted(acme, 'tax', 'satisfied'), submitted(globex, 'tax', 'dissatisfied')])).toBe(3);
    await waiting;
    expect((await readModels.checkpoint('reports')).position).toBe(3);
    expect(await readModels.get(C.campaignStats, 'xz-2019')).toMatchObject({ respondents: 2 });

    await appendAll(events, [withdrawn(globex, 'tax')], 3);
    expect(await projector.catchUp(5000)).toEqual({ position: 4, recordedAt: recordedAtOf(3) });
    expect(await readModels.get(C.campaignStats, 'xz-2019')).toMatchObject({ respondents: 1 });
    await expect(projector.waitFor(99, 50)).rejects.toThrow(/did not reach position 99/);
  });

  it('rejects waiters at once with the error when the projection fails, and can be started again', async () => {
    const events = openEvents();
    const store = openReadModels();
    let failing = true;
    const flaky = withCommit(store, async (...args) => {
      if (failing) throw new Error('disk on fire');
      return store.commit(...args);
    });
    const projector = projectorOver(events, flaky);
    await projector.start();
    const waiting = projector.waitFor(2, 5000);
    await appendAll(events, [opened(), submitted(acme, 'tax', 'satisfied')]);
    await expect(waiting).rejects.toThrow('disk on fire');
    await expect(projector.waitFor(2, 5000)).rejects.toThrow('disk on fire');
    failing = false;
    await projector.start();
    await projector.catchUp(5000);
    expect(await store.get(C.campaignStats, 'xz-2019')).toMatchObject({ respondents: 1 });
  });

  it('names the event its fold threw on, commits what came before it, and goes past it once the fold is fixed', async () => {
    const events = openEvents();
    const store = openReadModels();
    const history = [opened(), registered(acme), submitted(acme, 'tax', 'satisfied'), registered(globex), submitted(globex, 'tax', 'dissatisfied')];
    const head = await appendAll(events, history);
    const poison = head - 1; // globex's registration
    let broken = true;
    const fold = { ...reportsProjection, apply: (...args: Parameters<typeof reportsProjection.apply>) => {
      if (broken && args[0].position === poison) throw new TypeError("Cannot create property 'NaN' on number 'NaN'");
      reportsProjection.apply(...args);
    } };
    // A commit per batch (no holding): what came before the poison's batch is stored.
    const projector = new Projector(events, store, fold, { batchSize: 2, holdEvents: 0 });
    cleanups.push(() => projector.stop());
    await projector.start();
    await expect(projector.waitFor(head, 5000)).rejects.toThrow(
      `projection reports failed at position ${poison} (EnterpriseRegistered in enterprise-${globex}): Cannot create property 'NaN' on number 'NaN'`,
    );
    expect(projector.error).toMatchObject({ from: poison, to: poison, event: { type: 'EnterpriseRegistered', stream: `enterprise-${globex}` } });
    // Batches of two: the one before the poison's batch is committed (its commit may still be on
    // its way), nothing of the poison's.
    for (let i = 0; i < 100 && (await store.checkpoint('reports')).position < poison - 2; i++) await pause(20);
    await pause(50);
    expect((await store.checkpoint('reports')).position).toBe(poison - 2);
    broken = false;
    await projector.start();
    await projector.catchUp(5000);
    expect(await store.get(C.campaignStats, 'xz-2019')).toMatchObject({ respondents: 2 });
  });

  it('catching up, stores several full batches in one commit, and commits every batch at the head', async () => {
    const events = openEvents();
    const history = aHistory(200, 3);
    const head = await appendAll(events, history);
    const store = openReadModels();
    const { commits, counted } = countingCommits(store);
    const projector = projectorOver(events, counted, { batchSize: 10, holdEvents: 40 });
    await projector.start();
    await projector.catchUp(5000);
    // Four full batches per commit; the last commit ends at the head.
    expect(commits.length).toBe(Math.ceil(head / 40));
    expect(commits.every((position, i) => position === Math.min(head, (i + 1) * 40))).toBe(true);
    expect((await store.checkpoint('reports')).position).toBe(head);

    // At the head, each batch is committed at once (the log does not go on past it).
    commits.length = 0;
    const more = await appendAll(events, [submitted(globex, 'tax', 'satisfied')], history.length);
    await projector.waitFor(more, 5000);
    expect(commits).toEqual([more]);
    await projector.stop();
    const clean = openReadModels();
    await run(events, clean, { holdEvents: 0 });
    expect(await dump(store)).toEqual(await dump(clean));
  });

  it('with followHoldMs, commits the batches that come at the head within that time together, by a timer when no more come; stop stores what it holds', async () => {
    const events = openEvents();
    const store = openReadModels();
    const { commits, counted } = countingCommits(store);
    const projector = projectorOver(events, counted, { batchSize: 10, followHoldMs: 1000 });
    await projector.start();
    const history = aHistory(30, 3);
    // Bursts at the head, one group commit each, 20 ms apart: each a batch the log does not go on past.
    let head = 0;
    for (let i = 0; i < history.length; i += 10) {
      head = await appendAll(events, history.slice(i, i + 10), i);
      await pause(20);
    }
    expect(commits).toEqual([]); // held: nothing stored, the checkpoint where it was
    expect(projector.position.position).toBe(0);
    await projector.waitFor(head, 5000); // the timer's commit
    expect(commits).toEqual([head]);
    expect((await store.checkpoint('reports')).position).toBe(head);

    const more = await appendAll(events, [submitted(globex, 'tax', 'satisfied')], history.length);
    await pause(50);
    await projector.stop(); // before the timer: stop commits what is held
    expect(commits).toEqual([head, more]);
    expect((await store.checkpoint('reports')).position).toBe(more);
    const clean = openReadModels();
    await run(events, clean, { holdEvents: 0 });
    expect(await dump(store)).toEqual(await dump(clean));
  });

  it('stopped while holding batches, stores them and their checkpoint in one commit', async () => {
    const events = openEvents();
    const history = aHistory(100, 6);
    const head = await appendAll(events, history);
    const store = openReadModels();
    const { commits, counted } = countingCommits(store);
    let stopped: Promise<void> | undefined;
    const fold = { ...reportsProjection, apply: (...args: Parameters<typeof reportsProjection.apply>) => {
      reportsProjection.apply(...args);
      if (args[0].position === 35) stopped = projector.stop(); // the batch 31–40 ends; nothing is committed before
    } };
    const projector = new Projector(events, counted, fold, { batchSize: 10, holdEvents: 1000 });
    cleanups.push(() => projector.stop());
    await projector.start();
    for (let i = 0; i < 100 && !stopped; i++) await pause(20);
    await stopped;
    expect(head).toBeGreaterThan(40);
    expect(commits).toEqual([40]);
    expect((await store.checkpoint('reports')).position).toBe(40);
    expect(projector.position.position).toBe(40);

    await projector.start();
    await projector.catchUp(5000);
    await projector.stop();
    await expectCountsOf(store, history);
  });

  it('holding batches, a fold that throws commits none of them, and the restart folds them again without counting twice', async () => {
    const events = openEvents();
    const history = aHistory(120, 5);
    const head = await appendAll(events, history);
    const store = openReadModels();
    const poison = 75;
    let broken = true;
    const fold = { ...reportsProjection, apply: (...args: Parameters<typeof reportsProjection.apply>) => {
      if (broken && args[0].position === poison) throw new TypeError('boom');
      reportsProjection.apply(...args);
    } };
    const projector = new Projector(events, store, fold, { batchSize: 10, holdEvents: 50 });
    cleanups.push(() => projector.stop());
    await projector.start();
    await expect(projector.waitFor(head, 5000)).rejects.toThrow(`projection reports failed at position ${poison}`);
    await pause(50);
    // Positions 1–50 were one commit; 51–70 were held with the poison's batch and are not stored.
    expect((await store.checkpoint('reports')).position).toBe(50);
    broken = false;
    await projector.start();
    await projector.catchUp(5000);
    await projector.stop();
    await expectCountsOf(store, history);
    const clean = openReadModels();
    await run(events, clean, { holdEvents: 0 });
    expect(await dump(store)).toEqual(await dump(clean));
  });

  it("stores the last event's recordedAt with the checkpoint, even for an event the projection ignores", async () => {
    const events = openEvents();
    const readModels = openReadModels();
    const head = await appendAll(events, [opened(), submitted(acme, 'tax', 'satisfied'), submitted(globex, 'tax', 'satisfied'), registered(globex)]);
    const [last] = await events.readAll(head - 1, 1);
    expect(last.metadata.recordedAt).toBe(recordedAtOf(3));
    const projector = projectorOver(events, readModels, { batchSize: 2 }); // the last batch ends with the ignored event
    await projector.start();
    await projector.catchUp(5000);
    expect(await readModels.checkpoint('reports')).toEqual({ position: head, recordedAt: last.metadata.recordedAt });
    expect(projector.position).toEqual({ position: head, recordedAt: last.metadata.recordedAt });
  });

  it('resumes from a non-zero checkpoint without clearing its collections, while a start from 0 clears them', async () => {
    const events = openEvents();
    const history = aHistory(120, 11);
    const sentinel = { collection: C.campaigns, id: 'left-by-someone', doc: { kept: true } };
    const readModels = openReadModels();
    await appendAll(events, history.slice(0, 60));
    await run(events, readModels, { batchSize: 16 });
    await readModels.commit('other', [sentinel], { position: 1, recordedAt: null });
    await appendAll(events, history.slice(60), 60);
    await run(events, readModels, { batchSize: 16 });
    expect(await readModels.get(C.campaigns, sentinel.id)).toEqual({ kept: true });
    await expectCountsOf(readModels, history);

    const fresh = openReadModels();
    await fresh.commit('other', [sentinel], { position: 1, recordedAt: null });
    await run(events, fresh);
    expect(await fresh.get(C.campaigns, sentinel.id)).toBeUndefined();
    await expectCountsOf(fresh, history);
  });

  it('with idleCommitMs, stores the checkpoint of batches that change nothing later (stop stores it), and a crash before it refolds them to the same documents', async () => {
    const events = openEvents();
    const history = aHistory(120, 5);
    await appendAll(events, history);
    const store = openReadModels();
    const codes = ['91320300MA1XYZ1234', '91320300MA1XYZ1235', '91320300MA1XYZ1236', '91320300MA1XYZ1237'];
    // Registrations move no document of the reports: their batches' checkpoint moves in memory at once.
    const first = projectorOver(events, store, { batchSize: 10, idleCommitMs: 60_000 });
    await first.start();
    const folded = await first.catchUp(5000);
    const head = await appendAll(events, codes.slice(0, 3).map((c) => registered(c)), history.length);
    expect((await first.catchUp(5000)).position).toBe(head);
    expect(await store.checkpoint('reports')).toEqual(folded);
    await first.stop();
    expect((await store.checkpoint('reports')).position).toBe(head);

    // A crash after one more: a projector started on the same store folds it again from the stored
    // checkpoint, and the documents are those of one clean run.
    const second = projectorOver(events, store, { batchSize: 10, idleCommitMs: 60_000 });
    await second.start();
    const crashHead = await appendAll(events, [registered(codes[3])], history.length + 3);
    expect((await second.catchUp(5000)).position).toBe(crashHead);
    expect((await store.checkpoint('reports')).position).toBe(head);
    await run(events, store, { batchSize: 10 });
    expect((await store.checkpoint('reports')).position).toBe(crashHead);
    const clean = openReadModels();
    await run(events, clean);
    expect(await dump(store)).toEqual(await dump(clean));
    await expectCountsOf(store, history);
  });
});
