/**
 * A long log written straight into a fresh events.db, for suites that start the built server on
 * more events than any route could append in a test's time (test/start-up.e2e-spec.ts,
 * test/replay-load.e2e-spec.ts): the campaign at position 1, then each ballot's three ratings, in
 * order, event i recorded at minute i (recordedAtOf). Appends called in order land in order (the
 * group commit keeps the queue's order), so recordedAt rises with position.
 */
import { join } from 'node:path';
import { SqliteEventStore } from '@survey/event-store';
import { opened, submitted } from '@survey/domain/testing';
import { streamOf, toNew } from '@survey/event-store/testing';
import { creditCode } from './fixtures';

export const BALLOT_AGENCIES = ['tax', 'police', 'market'];

/** Writes `ballots` ballots, ballot b rating agency a at `levels[(b + a) % levels.length]`; returns the head. */
export async function writeBallotLog(dataDir: string, ballots: number, levels: readonly string[]): Promise<number> {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'));
  try {
    await store.append(streamOf(opened()), [toNew(opened(), 0)], 'no_stream');
    for (let chunk = 0; chunk < ballots / 1000; chunk++) {
      await Promise.all(Array.from({ length: Math.min(1000, ballots - chunk * 1000) }, (_, k) => {
        const b = chunk * 1000 + k;
        const events = BALLOT_AGENCIES.map((agency, a) => submitted(creditCode(b + 1), agency, levels[(b + a) % levels.length]));
        return store.append(streamOf(events[0]), events.map((e, a) => toNew(e, 1 + 3 * b + a)), 'no_stream');
      }));
    }
    return await store.headPosition();
  } finally {
    await store.close();
  }
}
