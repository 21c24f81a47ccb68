/**
 * Case deadlines on the built server: two API processes on one SQLite store each run the deadline
 * scheduler, and a deadline that passed while neither was running is recorded exactly once, with
 * `due` as recorded and its deterministic id, and still once after a restart; a bad
 * WORKDAY_CALENDAR_FILE stops start-up with one line naming it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDeadlineMissedEventId, streams } from '@survey/domain';
import { pause } from '@survey/domain/testing';
import { RecordedEvent, SqliteEventStore } from '@survey/event-store';
import { TEST_SECRET } from './support/app';
import { runToExit, ServerProcess } from './support/server-process';
import { logLines } from './support/log-lines';

jest.setTimeout(120_000);

const dataDir = mkdtempSync(join(tmpdir(), 'survey-deadlines-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const caseId = randomUUID();
const key = { caseId, campaignId: 'dl-2019', agencyId: 'tax' };

/** A case opened in 2019 that nobody worked: both its deadlines passed long ago. */
async function seed(): Promise<void> {
  const events = SqliteEventStore.open(join(dataDir, 'events.db'));
  const at = '2019-12-06T07:00:00.000Z';
  await events.append(streams.rectification(caseId), [{
    id: randomUUID(), type: 'RectificationCaseOpened',
    data: {
      ...key, creditCode: '91310110666007217T', level: 'dissatisfied', comment: null, answers: {}, contactConsent: false,
      triggeredBy: { eventId: caseId, position: 1 }, reviewedAt: at, contactDue: '2019-12-09T16:00:00.000Z', rectifyDue: '2019-12-27T16:00:00.000Z',
      calendar: { name: 'chinese-days', version: 'x', calendarCovered: true }, at,
    },
    metadata: { schemaVersion: 1, recordedAt: at, actor: { role: 'system', sub: 'case-reactor' }, correlationId: 'seed', causationId: 'seed' },
  }], 'no_stream');
  await events.close();
}

async function missed(): Promise<RecordedEvent[]> {
  const events = SqliteEventStore.open(join(dataDir, 'events.db'));
  try {
    return (await events.readStream(streams.rectification(caseId))).filter((e) => e.type === 'RectificationDeadlineMissed');
  } finally {
    await events.close();
  }
}

describe('case deadlines on the built server', () => {
  it('two API processes on one store record each missed deadline once, also across a restart', async () => {
    await seed();
    const servers = await Promise.all([ServerProcess.start(dataDir), ServerProcess.start(dataDir)]);
    try {
      const deadline = Date.now() + 20_000;
      while ((await missed()).length < 2 && Date.now() < deadline) await pause(100);
      await pause(2500); // both schedulers tick every second: more passes, nothing more to record
      const recorded = await missed();
      expect(recorded.map((e) => [e.id, (e.data as { deadline: string }).deadline, (e.data as { due: string }).due]).sort()).toEqual([
        [caseDeadlineMissedEventId(caseId, 'contact', 1), 'contact', '2019-12-09T16:00:00.000Z'],
        [caseDeadlineMissedEventId(caseId, 'rectify', 1), 'rectify', '2019-12-27T16:00:00.000Z'],
      ].sort());
    } finally {
      await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    }
    const again = await ServerProcess.start(dataDir);
    try {
      await pause(2500);
      expect(await missed()).toHaveLength(2);
    } finally {
      await again.kill('SIGTERM');
    }
  });

  it('stops start-up with one line naming WORKDAY_CALENDAR_FILE when the file is bad', async () => {
    const file = join(dataDir, 'calendar.json');
    writeFileSync(file, JSON.stringify({ 2027: { holidays: ['2027-02-30'], workdays: [] } }));
    const run = await runToExit({ PORT: '0', DATA_DIR: join(dataDir, 'bad-calendar'), SURVEY_JWT_SECRET: TEST_SECRET, WORKDAY_CALENDAR_FILE: file });
    expect(run.code).toBe(2);
    // One log line (pino's JSON, as every line the server writes), fatal, naming the variable.
    const lines = logLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'fatal', msg: expect.stringMatching(/^configuration: WORKDAY_CALENDAR_FILE .*2027-02-30/) });
  });
});
