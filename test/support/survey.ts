/** Short ways to put a test world in place over HTTP: campaigns, registered enterprises, ratings. */
import { admin, bearer, TestApp } from './app';
import { aCampaign, aProfile, creditCode } from './fixtures';

export interface Rated {
  rating: string;
  answers?: Record<string, string>;
  comment?: string;
}

export async function openCampaign(t: TestApp, id: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http().post('/v1/campaigns').set(admin).send(aCampaign(id, overrides));
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
  return res.body;
}

/** Registers the n-th test enterprise and returns its credit code. */
export async function registered(t: TestApp, n: number, profile: Record<string, unknown> = {}): Promise<string> {
  const code = creditCode(n);
  const res = await t.http().put(`/v1/enterprises/${code}`).set(admin).send(aProfile(profile));
  expect(res.status).toBe(201);
  return code;
}

export const submit = (t: TestApp, code: string, campaignId: string, agencyId: string, body: Rated | Record<string, unknown>) =>
  t.http().put(`/v1/campaigns/${campaignId}/evaluations/${agencyId}`).set(bearer('enterprise', code)).send(body);

export const withdraw = (t: TestApp, code: string, campaignId: string, agencyId: string) =>
  t.http().delete(`/v1/campaigns/${campaignId}/evaluations/${agencyId}`).set(bearer('enterprise', code));

export const myBallot = (t: TestApp, code: string, campaignId: string) =>
  t.http().get(`/v1/campaigns/${campaignId}/evaluations`).set(bearer('enterprise', code));

/** The log's head position, read from readiness: it moves exactly when an event is appended. */
export async function head(t: TestApp): Promise<number> {
  const res = await t.http().get('/v1/health/ready').expect(200);
  return res.body.head as number;
}

/** `{ very_satisfied: 2, satisfied: 1 }` → `['very_satisfied', 'very_satisfied', 'satisfied']`, in that order. */
export const spread = (counts: Record<string, number>): string[] => Object.entries(counts).flatMap(([level, k]) => Array(k).fill(level));

/**
 * Rates agencies from level lists: enterprise i (0-based, codes[i]) gives `ratings[agency][i]`.
 * Enterprises write in parallel; one enterprise's agencies go one after another.
 */
export async function rateAll(t: TestApp, campaignId: string, codes: string[], ratings: Record<string, string[]>) {
  await Promise.all(codes.map(async (code, i) => {
    for (const [agencyId, levels] of Object.entries(ratings)) {
      if (levels[i] === undefined) continue;
      const res = await submit(t, code, campaignId, agencyId, { rating: levels[i] });
      expect([200, 201]).toContain(res.status);
    }
  }));
}
