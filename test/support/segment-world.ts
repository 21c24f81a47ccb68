/**
 * A small world for the agency detail and CSV tests, every figure of which is worked out by hand
 * in those tests. 2019, tax, enterprises 1–20 (1-based):
 *   district: 1–12 鼓楼区, 13–18 云龙区, 19–20 贾汪区 · industry: 1–15 C, 16–20 F · size: 1–10 small, 11–17 medium, 18–20 micro
 *   rating:   1–6 very satisfied, 7–9 satisfied, 10 basically, 11 satisfied, 12 dissatisfied, 13 satisfied,
 *             14 basically, 15 very dissatisfied, 16 very satisfied, 17 satisfied, 18 basically, 19 satisfied, 20 dissatisfied
 *   answers:  efficiency = the rating, from all 20; attitude = very satisfied, from 1–3 only; enterprise 1 leaves a comment.
 * 2018, tax: 10 of 20 satisfied.
 */
import type { TestApp } from './app';
import { openCampaign, rateAll, registered, spread, submit } from './survey';

export const TAX_2019 = ['very_satisfied', 'very_satisfied', 'very_satisfied', 'very_satisfied', 'very_satisfied', 'very_satisfied',
  'satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'satisfied', 'dissatisfied', 'satisfied', 'basically_satisfied',
  'very_dissatisfied', 'very_satisfied', 'satisfied', 'basically_satisfied', 'satisfied', 'dissatisfied'];

export const COMMENT = '窗口排队太久 secret-comment';

export const profileOf = (i: number) => ({
  name: `徐州样本企业${i}有限公司`,
  district: i <= 12 ? '鼓楼区' : i <= 18 ? '云龙区' : '贾汪区',
  industry: i <= 15 ? 'C' : 'F',
  size: i <= 10 ? 'small' : i <= 17 ? 'medium' : 'micro',
});

/** Builds the world and returns the 20 credit codes. */
export async function segmentWorld(t: TestApp): Promise<string[]> {
  await openCampaign(t, 'xz-2018', { year: 2018 });
  await openCampaign(t, 'xz-2019', { year: 2019 });
  const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => registered(t, i + 1, profileOf(i + 1))));
  await rateAll(t, 'xz-2018', codes, { tax: spread({ satisfied: 10, basically_satisfied: 10 }) });
  await Promise.all(codes.map(async (code, i) => {
    const answers: Record<string, string> = { efficiency: TAX_2019[i] };
    if (i < 3) answers.attitude = 'very_satisfied';
    const body = { rating: TAX_2019[i], answers, ...(i === 0 ? { comment: COMMENT } : {}) };
    expect((await submit(t, code, 'xz-2019', 'tax', body)).status).toBe(201);
  }));
  return codes;
}
