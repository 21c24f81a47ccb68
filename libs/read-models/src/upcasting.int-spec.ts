/**
 * Schema evolution, end to end on real files: a log where the older ratings were written in an
 * earlier shape of EvaluationSubmitted / EvaluationRevised and the later ones in today's shape
 * folds, through the upcasters, into exactly the documents of a log written in today's shape only;
 * the hash chain still verifies, since it covers the bytes as written, never the upcasted ones.
 *
 * Every production type is at version 1 today, so this test plays the day a shape changes with a
 * registry of its own: version 1 is an earlier shape (`level` for `rating`, and the per-question
 * levels as a list `questions: [{ questionId, level }]` rather than the `answers` map), and today's
 * shape, which the reports projection reads, is version 2.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SurveyEvent, Upcasters } from '@survey/domain';
import { EventStore, openStoredLog, SqliteEventStore, UpcastingEventStore, verifyLog } from '@survey/event-store';
import { reportsProjection } from './projections/reports.projection';
import { Projector } from './projector';
import type { Doc } from './read-model-store.port';
import { SqliteReadModelStore } from './sqlite/sqlite-read-model-store';
import { aHistory } from './testing/report-history';
import { recordedAtOf, streamOf } from '@survey/event-store/testing';

interface RatingV1 { level: string; questions: { questionId: string; level: string }[]; [key: string]: unknown }
interface RatingV2 { rating: string; answers: Record<string, string>; [key: string]: unknown }

const toV1 = ({ rating, answers, ...rest }: RatingV2): RatingV1 =>
  ({ ...rest, level: rating, questions: Object.entries(answers).map(([questionId, level]) => ({ questionId, level })) });
const fromV1 = ({ level, questions, ...rest }: RatingV1): RatingV2 =>
  ({ ...rest, rating: level, answers: Object.fromEntries(questions.map((q) => [q.questionId, q.level])) });

const registry = new Upcasters().register('EvaluationSubmitted', 1, fromV1).register('EvaluationRevised', 1, fromV1);
const isRating = (e: SurveyEvent) => e.type === 'EvaluationSubmitted' || e.type === 'EvaluationRevised';

const dir = mkdtempSync(join(tmpdir(), 'upcasting-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends the history in order; ratings before `oldUpTo` in the v1 shape, stamped 1, the rest as today. */
async function writeLog(name: string, history: SurveyEvent[], oldUpTo: number): Promise<string> {
  const file = join(dir, `${name}.db`);
  const store = SqliteEventStore.open(file);
  await Promise.all(history.map((e, i) => {
    const old = isRating(e) && i < oldUpTo;
    const metadata = { schemaVersion: old ? 1 : registry.currentVersion(e.type), recordedAt: recordedAtOf(i), actor: { role: 'system' as const, sub: 'spec' }, correlationId: randomUUID(), causationId: randomUUID() };
    return store.append(streamOf(e), [{ id: randomUUID(), type: e.type, data: old ? toV1(e.data as unknown as RatingV2) : e.data, metadata }], 'any');
  }));
  await store.close();
  return file;
}

async function project(events: EventStore, name: string): Promise<Record<string, Doc[]>> {
  const readModels = SqliteReadModelStore.open(join(dir, `${name}-read-models.db`));
  const projector = new Projector(events, readModels, reportsProjection, { batchSize: 100 });
  await projector.start();
  await projector.catchUp(10_000);
  await projector.stop();
  const docs = Object.fromEntries(await Promise.all(reportsProjection.collections.map(async (c) => [c, await readModels.list(c)] as const)));
  await readModels.close();
  return docs;
}

describe('a log mixing two shapes of the same event type', () => {
  const history = aHistory(600);

  it('folds, through the upcasters, into the documents of a log written in one shape', async () => {
    const today = SqliteEventStore.open(await writeLog('today', history, 0));
    const mixedFile = await writeLog('mixed', history, 300);
    const mixed = SqliteEventStore.open(mixedFile);
    try {
      const expected = await project(today, 'today');
      expect(await project(new UpcastingEventStore(mixed, registry), 'mixed')).toEqual(expected);
      // Without the upcasters the older ratings count nowhere: the test can fail.
      expect(await project(mixed, 'mixed-raw')).not.toEqual(expected);
    } finally {
      await Promise.all([today.close(), mixed.close()]);
    }

    // The log keeps the bytes as written, and the chain that covers them verifies.
    const raw = new Database(mixedFile, { readonly: true });
    const first = raw.prepare("SELECT data, metadata FROM events WHERE type = 'EvaluationSubmitted' ORDER BY position LIMIT 1").get() as { data: string; metadata: string };
    raw.close();
    expect(JSON.parse(first.data)).toHaveProperty('level');
    expect(JSON.parse(first.metadata)).toMatchObject({ schemaVersion: 1 });
    const log = openStoredLog(mixedFile);
    try {
      expect(verifyLog(log)).toMatchObject({ ok: true, events: history.length });
    } finally {
      log.close();
    }
  });
});
