/**
 * CSV exports on the world of support/segment-world.ts, plus police rated satisfied by enterprises
 * 1–12 so that campaign-wide cells count an enterprise once however many agencies it rated.
 * The bytes start with a UTF-8 BOM, parse as CSV, and carry the JSON reports' figures with the
 * same suppression.
 */
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { analyst, bearer, startApp, TestApp } from './support/app';
import { expectProblem } from './support/problem';
import { COMMENT, segmentWorld } from './support/segment-world';
import { rateAll } from './support/survey';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('CSV exports', () => {
  let t: TestApp;
  let codes: string[];
  const csv = async (path: string) => {
    const res = await t.http().get(path).set(analyst).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    return { text, rows: parse(text, { columns: true }) as Record<string, string>[] };
  };
  const json = async (path: string) => (await t.http().get(path).set(analyst).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    codes = await segmentWorld(t);
    await rateAll(t, 'xz-2019', codes.slice(0, 12), { police: Array(12).fill('satisfied') });
    await t.settle();
  });
  afterAll(() => t.close());

  it('exports the headline and agencies with the figures of the JSON report', async () => {
    const { rows } = await csv('/v1/reports/campaigns/xz-2019.csv');
    const report = await json('/v1/reports/campaigns/xz-2019');
    // 26 of 32 satisfied = 81.25 → 81.3; centre 0.779005 ± 0.132100 → [64.7, 91.1]; 20 enterprises.
    expect(rows[0]).toMatchObject({ campaign_id: 'xz-2019', year: '2019', scope: 'campaign', respondents: '20', evaluations: '32', satisfaction_rate: '81.3', ci_low: '64.7', ci_high: '91.1', suppressed: 'false' });
    expect(rows[0].change_points).toBe(String(report.change.points));
    const agencies = rows.filter((r) => r.scope === 'agency');
    expect(agencies.map((r) => [r.agency_id, r.agency_name, r.rank, r.evaluations, r.satisfaction_rate, r.ci_low, r.ci_high])).toEqual(
      report.agencies.map((a: { agencyId: string; name: string; rank: number; evaluations: number; satisfaction: { rate: number | null; low: number | null; high: number | null } }) =>
        [a.agencyId, a.name, String(a.rank), String(a.evaluations), ...[a.satisfaction.rate, a.satisfaction.low, a.satisfaction.high].map((x) => (x === null ? '' : String(x)))]),
    );
    expect(agencies[0]).toMatchObject({ agency_id: 'police', agency_name: '市公安局', satisfaction_rate: '100', ci_low: '75.7', ci_high: '100' }); // 12/12
  });

  it('adds campaign-wide segment cells, counting an enterprise once per cell, hiding every column an agency hides a cell of', async () => {
    const { rows } = await csv('/v1/reports/campaigns/xz-2019.csv');
    const cells = (dimension: string) => rows.filter((r) => r.scope === 'segment' && r.dimension === dimension)
      .map((r) => [r.value, r.respondents, r.evaluations, r.satisfaction_rate, r.ci_low, r.ci_high, r.mean_score, r.suppressed]);
    // 鼓楼区: 12 enterprises, 24 evaluations (tax and police), 22 satisfied → 91.7; centre 0.859175 ± 0.117667
    // → [74.2, 97.7]; scores (975 + 900)/24 = 78.125 → 78.1. 贾汪区 (2) hidden, 云龙区 (6) as its complement.
    expect(cells('district')).toEqual([
      ['云龙区', '', '', '', '', '', '', 'true'], ['贾汪区', '', '', '', '', '', '', 'true'], ['鼓楼区', '12', '24', '91.7', '74.2', '97.7', '78.1', 'false'],
    ]);
    // Size: tax hides micro (3) and medium (7) as its complement; police (enterprises 1–12) has small 10 and
    // medium 2, so it hides medium and small as the complement. Every size column hides a cell of some agency:
    // a campaign-wide small cell (10 enterprises, 20 evaluations) minus tax's shown small cell would give police's
    // hidden one, so the whole campaign-wide size row is hidden.
    expect(cells('size')).toEqual([['micro', '', '', '', '', '', '', 'true'], ['small', '', '', '', '', '', '', 'true'], ['medium', '', '', '', '', '', '', 'true']]);
    // C: 15 enterprises, 27 evaluations, 23 satisfied → 85.2 [67.5, 94.1]; (1100 + 900)/27 = 74.07 → 74.1.
    // F: tax only, 3/5 → 60.0 [23.1, 88.2]; (100 + 75 + 50 + 75 + 25)/5 = 65.0.
    expect(cells('industry')).toEqual([['C', '15', '27', '85.2', '67.5', '94.1', '74.1', 'false'], ['F', '5', '5', '60', '23.1', '88.2', '65', 'false']]);
  });

  it('exports one agency with the cells of its JSON detail, suppressed ones included', async () => {
    const { rows, text } = await csv('/v1/reports/campaigns/xz-2019/agencies/tax.csv');
    const detail = await json('/v1/reports/campaigns/xz-2019/agencies/tax');
    expect(rows[0]).toMatchObject({ breakdown: 'agency', value: '市税务局', respondents: '20', n: '20', satisfaction_rate: '70', ci_low: '48.1', ci_high: '85.5', mean_score: '71.3', bad_review_rate: '15', suppressed: 'false' });
    expect(rows.filter((r) => r.breakdown === 'question').map((r) => [r.value, r.n, r.suppressed])).toEqual([
      ['efficiency', '20', 'false'], ['attitude', '', 'true'], ['integrity', '0', 'false'], ['policy', '0', 'false'],
    ]);
    for (const dimension of ['district', 'industry', 'size']) {
      const fromCsv = rows.filter((r) => r.breakdown === 'segment' && r.dimension === dimension).map((r) => (r.suppressed === 'true' ? { value: r.value, suppressed: true } : { value: r.value, n: Number(r.n), rate: Number(r.satisfaction_rate) }));
      const fromJson = detail.segments[dimension].map((c: { value: string; suppressed?: true; n: number; satisfaction: { rate: number } }) => (c.suppressed ? { value: c.value, suppressed: true } : { value: c.value, n: c.n, rate: c.satisfaction.rate }));
      expect(fromCsv).toEqual(fromJson);
    }
    expect(rows.filter((r) => r.suppressed === 'true').map((r) => r.value)).toEqual(['attitude', '云龙区', '贾汪区', 'micro', 'medium']);
    for (const code of codes) expect(text).not.toContain(code);
    expect(text).not.toContain(COMMENT);
    expect(text).not.toContain('样本企业');
  });

  it('answers problem+json 404 for an unknown campaign or agency, 403 to an enterprise, and keeps campaigns/:id as JSON', async () => {
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-1999.csv').set(analyst), 404);
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-2019/agencies/zoo.csv').set(analyst), 404);
    expectProblem(await t.http().get('/v1/reports/campaigns/xz-2019.csv').set(bearer('enterprise', codes[0])), 403);
    expect((await t.http().get('/v1/reports/campaigns/xz-2019').set(analyst).expect(200)).headers['content-type']).toMatch(/^application\/json/);
  });
});
