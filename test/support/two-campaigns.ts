/**
 * A small world for the pages' tests, put in place over HTTP: 60 enterprises of four districts
 * (one of only three enterprises, so its cells are suppressed), sizes and industries, rating the
 * three test agencies, with answers to every question, in xz-2018 (closed and published) and
 * xz-2019 (open): 360 evaluations. The ratings follow a fixed pattern, so every run is the same.
 */
import { admin, TestApp } from './app';
import { openCampaign, registered, submit } from './survey';

export const AGENCIES = ['tax', 'police', 'housing'];
export const QUESTIONS = ['efficiency', 'attitude', 'integrity', 'policy'];
const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
// Ten slots per campaign and agency: how often each level comes up (2019 the better year, tax
// the best agency, housing the worst).
const PATTERN: Record<string, number[][]> = {
  'xz-2018': [[0, 0, 0, 1, 1, 1, 2, 2, 3, 4], [0, 0, 1, 1, 1, 2, 2, 3, 3, 4], [0, 1, 1, 2, 2, 2, 3, 3, 4, 4]],
  'xz-2019': [[0, 0, 0, 0, 1, 1, 1, 1, 2, 3], [0, 0, 0, 1, 1, 1, 1, 2, 3, 4], [0, 0, 1, 1, 1, 2, 2, 3, 4, 4]],
};

const districtOf = (i: number) => (i < 30 ? '鼓楼区' : i < 50 ? '云龙区' : i < 57 ? '泉山区' : '贾汪区');
const sizeOf = (i: number) => ['micro', 'small', 'medium', 'large'][i % 4];
const industryOf = (i: number) => ['C', 'F', 'I'][i % 3];

const level = (campaignId: string, agency: number, slot: number) => LEVELS[PATTERN[campaignId][agency][slot % 10]];

export async function seedTwoCampaigns(t: TestApp, enterprises = 60): Promise<void> {
  await openCampaign(t, 'xz-2018', { year: 2018, title: '2018 年度评议' });
  await openCampaign(t, 'xz-2019', { year: 2019, title: '2019 年度评议' });
  const codes = await Promise.all(Array.from({ length: enterprises }, (_, i) =>
    registered(t, i + 1, { name: `测试企业${i + 1}`, district: districtOf(i), size: sizeOf(i), industry: industryOf(i) })));
  await Promise.all(codes.map(async (code, i) => {
    for (const campaignId of Object.keys(PATTERN)) {
      for (const [a, agencyId] of AGENCIES.entries()) {
        const slot = i * 7 + a * 3;
        const answers = Object.fromEntries(QUESTIONS.map((q, k) => [q, level(campaignId, (a + k) % 3, slot + k)]));
        const res = await submit(t, code, campaignId, agencyId, { rating: level(campaignId, a, slot), answers });
        if (res.status !== 201) throw new Error(`rating ${agencyId} in ${campaignId}: ${res.status} ${res.text}`);
      }
    }
  }));
  await t.http().post('/v1/campaigns/xz-2018/close').set(admin).expect(200);
  await t.http().post('/v1/campaigns/xz-2018/publish').set(admin).expect(200);
  await t.settle();
}
