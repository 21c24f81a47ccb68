/**
 * The headline's figures three ways, for the e2e suites that check reports against the log while
 * submissions go on: from a ledger of acknowledged ratings, from the log itself replayed up to a
 * position (what the read models must say there), and as a report gives them.
 */
import { join } from 'node:path';
import { ReadOnlySqliteLog } from '@survey/event-store';

export const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
const SATISFIED = new Set(LEVELS.slice(0, 2));

export interface Figures {
  respondents: number;
  evaluations: number;
  rate: number | null;
  agencies: Record<string, number>;
}

/** Current ratings (credit code/agency → level) → the headline's counts, rate rounded half away from zero. */
export function expectedFigures(current: Map<string, string>): Figures {
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

/** The figures of one campaign replayed from DATA_DIR/events.db (read-only) up to a position. */
export async function figuresFromLog(dataDir: string, campaignId: string, upTo: number): Promise<Figures> {
  const log = ReadOnlySqliteLog.open(join(dataDir, 'events.db'));
  try {
    const current = new Map<string, string>();
    for (let after = 0; after < upTo; ) {
      const batch = (await log.readAll(after, 1000)).filter((e) => e.position <= upTo);
      if (batch.length === 0) break;
      for (const e of batch) {
        const data = e.data as { campaignId?: string; creditCode?: string; agencyId?: string; rating?: string };
        // Ballot events only: a rectification case's events name the campaign, agency and enterprise too.
        if (!e.stream.startsWith('ballot-') || data.campaignId !== campaignId || !data.agencyId) continue;
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

export interface Report {
  respondents: number;
  evaluations: number;
  satisfaction: { rate: number | null };
  agencies: { agencyId: string; evaluations: number }[];
  asOf: { position: string };
}

export const figuresIn = (r: Report): Figures => ({
  respondents: r.respondents,
  evaluations: r.evaluations,
  rate: r.satisfaction.rate,
  agencies: Object.fromEntries(r.agencies.filter((a) => a.evaluations > 0).map((a) => [a.agencyId, a.evaluations])),
});
