import { createHash } from 'node:crypto';
import { DEFAULT_SCALE, isCreditCode } from '@survey/domain';
import { buildDemoPlan, LEVEL_IDS, QUESTION_IDS, SATISFIED_LEVELS, type DemoPlan } from './demo-plan';
import { currentEvaluations, tallyCampaign, type CampaignTally } from './demo-tally';

/** GB/T 2260 division codes of Xuzhou's districts and counties. */
const DIVISIONS: Record<string, string> = {
  '320302': '鼓楼区', '320303': '云龙区', '320305': '贾汪区', '320311': '泉山区', '320312': '铜山区',
  '320321': '丰县', '320322': '沛县', '320324': '睢宁县', '320381': '新沂市', '320382': '邳州市',
};

/** num/den in tenths of a percent, rounded half away from zero in integers (DESIGN.md, Statistics). */
function tenthsOfPercent(num: bigint, den: bigint): bigint {
  const t = (2000n * (num < 0n ? -num : num) + den) / (2n * den);
  return num < 0n ? -t : t;
}

function digest(plan: DemoPlan): string {
  const hash = createHash('sha256').update(JSON.stringify([plan.agencies, plan.campaigns]));
  for (const item of [...plan.enterprises, ...plan.ballots]) hash.update(JSON.stringify(item));
  return hash.digest('hex');
}

const rate = (t: { satisfied: number; evaluations: number }) => (100 * t.satisfied) / t.evaluations;

describe('buildDemoPlan', () => {
  let plan: DemoPlan;
  let y2018: CampaignTally;
  let y2019: CampaignTally;
  const ballotsOf = (campaignId: string) => plan.ballots.filter((b) => b.campaignId === campaignId);

  beforeAll(() => {
    plan = buildDemoPlan();
    y2018 = tallyCampaign(plan, 'xz-2018');
    y2019 = tallyCampaign(plan, 'xz-2019');
  });

  it('gives the same plan for the same seed and another for another seed', () => {
    expect(digest(buildDemoPlan(2019))).toBe(digest(plan));
    const other = buildDemoPlan(7);
    expect(other.enterprises[0]).not.toEqual(plan.enterprises[0]);
    expect(other.ballots[0]).not.toEqual(plan.ballots[0]);
  });

  it("uses the domain's default scale", () => {
    expect(LEVEL_IDS).toEqual(DEFAULT_SCALE.map((l) => l.id));
    expect(SATISFIED_LEVELS).toEqual(DEFAULT_SCALE.filter((l) => l.satisfied).map((l) => l.id));
  });

  it('has ~40 agencies with lower-kebab ids and two campaigns over November and December', () => {
    expect(plan.agencies.length).toBeGreaterThanOrEqual(38);
    expect(new Set(plan.agencies.map((a) => a.id)).size).toBe(plan.agencies.length);
    for (const a of plan.agencies) expect(a.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(plan.campaigns).toEqual([
      expect.objectContaining({ id: 'xz-2018', year: 2018, opensAt: '2018-10-31T16:00:00.000Z', closesAt: '2018-12-31T15:59:59.000Z' }),
      expect.objectContaining({ id: 'xz-2019', year: 2019, opensAt: '2019-10-31T16:00:00.000Z', closesAt: '2019-12-31T15:59:59.000Z' }),
    ]);
  });

  it('has 60,512 enterprises with valid, unique credit codes, names and matching districts', () => {
    expect(plan.enterprises).toHaveLength(60_512);
    expect(new Set(plan.enterprises.map((e) => e.creditCode)).size).toBe(60_512);
    expect(new Set(plan.enterprises.map((e) => e.name)).size).toBe(60_512);
    const odd = plan.enterprises.filter(
      (e) =>
        !isCreditCode(e.creditCode) ||
        !e.creditCode.startsWith('91') ||
        DIVISIONS[e.creditCode.slice(2, 8)] !== e.district ||
        !/^徐州.+公司$/.test(e.name) ||
        !/^[A-T]$/.test(e.industry),
    );
    expect(odd.slice(0, 3)).toEqual([]);
    const share = (pred: (e: DemoPlan['enterprises'][number]) => boolean) => plan.enterprises.filter(pred).length / 60_512;
    expect(share((e) => e.size === 'micro')).toBeGreaterThan(0.5);
    expect(share((e) => e.size === 'large')).toBeLessThan(0.05);
    expect(share((e) => e.industry === 'F')).toBeGreaterThan(share((e) => e.industry === 'C'));
    expect(share((e) => e.industry === 'C')).toBeGreaterThan(share((e) => e.industry === 'I'));
  });

  it('has every enterprise respond in 2019, most in 2018, about 300,000 evaluations in 2019', () => {
    expect(y2019.respondents).toBe(60_512);
    expect(Math.abs(y2018.respondents - 52_000)).toBeLessThan(2_000);
    expect(Math.abs(y2019.evaluations - 300_000)).toBeLessThan(10_000);
    // As rated (an upheld appeal later takes one evaluation off a ballot: a respondent still).
    const sizes = new Set(ballotsOf('xz-2019').map((b) => currentEvaluations({ ...b, upheldAppeals: [] }).size));
    expect([...sizes].sort()).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves exactly 82.0% satisfied in 2019, 70.0% in 2018, a change of +12.0 points', () => {
    expect(Math.abs(100 * y2019.satisfied - 82 * y2019.evaluations)).toBeLessThanOrEqual(50);
    expect(Math.abs(100 * y2018.satisfied - 70 * y2018.evaluations)).toBeLessThanOrEqual(50);
    const [s19, n19, s18, n18] = [y2019.satisfied, y2019.evaluations, y2018.satisfied, y2018.evaluations].map(BigInt);
    expect(tenthsOfPercent(s19, n19)).toBe(820n);
    expect(tenthsOfPercent(s18, n18)).toBe(700n);
    expect(tenthsOfPercent(s19 * n18 - s18 * n19, n19 * n18)).toBe(120n);
  });

  it('names a few upheld appeals in 2019 and none in 2018: final bad reviews never revised, left out of the exact figures', () => {
    const upheld = plan.ballots.flatMap((b) => b.upheldAppeals.map((agencyId) => ({ b, agencyId })));
    expect(upheld.filter(({ b }) => b.campaignId === 'xz-2018')).toEqual([]);
    const in2019 = upheld.filter(({ b }) => b.campaignId === 'xz-2019');
    expect(in2019.length).toBeGreaterThanOrEqual(10);
    expect(in2019.length).toBeLessThan(0.01 * y2019.evaluations * 0.065);
    for (const { b, agencyId } of in2019) {
      const ratings = b.actions.filter((a) => a.agencyId === agencyId).map((a) => (a.kind === 'submit' ? a.rating : 'withdrawn'));
      expect(ratings).toEqual([expect.stringMatching(/^(dissatisfied|very_dissatisfied)$/)]);
    }
    // The tally leaves them out: without them 82.0% would not be exact any more.
    const withThem = ballotsOf('xz-2019').reduce((n, b) => n + currentEvaluations({ ...b, upheldAppeals: [] }).size, 0);
    expect(y2019.evaluations).toBe(withThem - in2019.length);
    expect(tenthsOfPercent(BigInt(y2019.satisfied), BigInt(y2019.evaluations))).toBe(820n);
  });

  it('spreads the agencies like a real city: 68–93% in 2019, most improving by different amounts', () => {
    const rates2019 = plan.agencies.map((a) => rate(y2019.byAgency.get(a.id)!));
    const [lowest, highest] = [Math.min(...rates2019), Math.max(...rates2019)];
    expect(lowest).toBeGreaterThan(65);
    expect(lowest).toBeLessThan(72);
    expect(highest).toBeGreaterThan(90);
    expect(highest).toBeLessThan(95);
    const changes = plan.agencies.map((a, i) => rates2019[i] - rate(y2018.byAgency.get(a.id)!));
    expect(changes.filter((c) => c > 0).length).toBeGreaterThanOrEqual(plan.agencies.length - 6);
    expect(changes.filter((c) => c < 0).length).toBeGreaterThanOrEqual(2);
    expect(new Set(changes.map((c) => Math.round(c))).size).toBeGreaterThanOrEqual(8);
    const ranked = [...plan.agencies.keys()].sort((a, b) => rates2019[b] - rates2019[a]).map((i) => plan.agencies[i].id);
    expect(ranked.slice(0, 3)).toEqual(expect.arrayContaining(['tax', 'administrative-approval']));
    expect(ranked.slice(-6)).toEqual(expect.arrayContaining(['housing-construction', 'natural-resources', 'urban-management']));
  });

  it('records revisions (~2% of evaluations) and withdrawn extra agencies (~0.5% of ballots)', () => {
    const problems: string[] = [];
    let revised = 0;
    let withWithdrawal = 0;
    for (const b of plan.ballots) {
      const submits = new Map<string, string[]>();
      for (const a of b.actions) {
        if (a.kind === 'submit') submits.set(a.agencyId, [...(submits.get(a.agencyId) ?? []), a.rating]);
        else if (!submits.has(a.agencyId)) problems.push(`${b.creditCode}: withdraws ${a.agencyId} unrated`);
      }
      for (const [agencyId, ratings] of submits) {
        if (ratings.length < 2) continue;
        revised++;
        if (ratings[0] === ratings[1]) problems.push(`${b.creditCode}: revises ${agencyId} to the same level`);
      }
      if (b.actions.some((a) => a.kind === 'withdraw')) withWithdrawal++;
    }
    expect(problems.slice(0, 3)).toEqual([]);
    const evaluations = y2018.evaluations + y2019.evaluations;
    expect(revised / evaluations).toBeGreaterThan(0.015);
    expect(revised / evaluations).toBeLessThan(0.025);
    expect(withWithdrawal / plan.ballots.length).toBeGreaterThan(0.003);
    expect(withWithdrawal / plan.ballots.length).toBeLessThan(0.008);
  });

  it('times every action inside its window, increasing within a ballot, ballots in order of first action', () => {
    const problems: string[] = [];
    const windows = new Map<string, number[]>(plan.campaigns.map((c) => [c.id, [Date.parse(c.opensAt), Date.parse(c.closesAt)]]));
    let previousFirst = 0;
    for (const [i, b] of plan.ballots.entries()) {
      const [opens, closes] = windows.get(b.campaignId)!;
      const times = b.actions.map((a) => Date.parse(a.at));
      if (times[0] < opens || times[times.length - 1] > closes) problems.push(`${b.creditCode}: outside the window`);
      if (times.some((t, k) => k > 0 && t <= times[k - 1])) problems.push(`${b.creditCode}: not increasing`);
      const sameCampaign = i > 0 && plan.ballots[i - 1].campaignId === b.campaignId;
      if (sameCampaign && times[0] < previousFirst) problems.push(`${b.creditCode}: out of order`);
      previousFirst = times[0];
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(plan.ballots.findIndex((b) => b.campaignId === 'xz-2019')).toBe(ballotsOf('xz-2018').length);
    const weeks = new Array(9).fill(0);
    const opens = Date.parse(plan.campaigns[1].opensAt);
    for (const b of ballotsOf('xz-2019')) weeks[Math.floor((Date.parse(b.actions[0].at) - opens) / 604_800_000)]++;
    for (const w of weeks) expect(w / y2019.respondents).toBeGreaterThan(0.01);
  });

  it('uses only the scale and question ids, answers close to the rating, a few short comments', () => {
    const agencyIds = new Set(plan.agencies.map((a) => a.id));
    const problems: string[] = [];
    let submits = 0;
    let allFour = 0;
    let commented = 0;
    for (const b of plan.ballots) {
      for (const a of b.actions) {
        if (!agencyIds.has(a.agencyId)) problems.push(`unknown agency ${a.agencyId}`);
        if (a.kind !== 'submit') continue;
        submits++;
        const rating = LEVEL_IDS.indexOf(a.rating);
        if (rating < 0) problems.push(`unknown level ${a.rating}`);
        const entries = Object.entries(a.answers);
        if (entries.length === 4) allFour++;
        for (const [question, level] of entries) {
          if (!(QUESTION_IDS as readonly string[]).includes(question)) problems.push(`unknown question ${question}`);
          if (!(Math.abs(LEVEL_IDS.indexOf(level) - rating) <= 1)) problems.push(`${question} ${level} far from ${a.rating}`);
        }
        if (a.comment === null) continue;
        commented++;
        // The API takes up to 2,000 characters; the demo's comments are short ones.
        if (a.comment.length === 0 || a.comment.length > 60) problems.push(`comment of ${a.comment.length} characters`);
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(allFour / submits).toBeGreaterThan(0.85);
    expect(allFour / submits).toBeLessThan(0.95);
    expect(commented / submits).toBeGreaterThan(0.02);
    expect(commented / submits).toBeLessThan(0.04);
  });
});
