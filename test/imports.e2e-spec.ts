/**
 * Admin uploads of the CSV imports over HTTP: text/csv bodies past the JSON limit streamed into
 * the importer, the summary with capped per-row problems, idempotence, the agency import into a
 * campaign, and every refusal as problem+json (400, 401, 403, 404, 409, 413, 415).
 */
import { request as httpRequest } from 'node:http';
import { admin, analyst, auditor, bearer, startApp, TestApp, token } from './support/app';
import { aProfile, creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { head, openCampaign } from './support/survey';

const HEADER = 'credit_code,name,district,industry,size';
const good = (n: number) => `${creditCode(n)},徐州第${n}号企业有限公司,鼓楼区,C,small`;

describe('admin imports over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp()));
  afterAll(() => t.close());

  const upload = (what: string, csv: string, who = admin) => t.http().post(`/v1/admin/imports/${what}`).set(who).set('content-type', 'text/csv; charset=utf-8').send(csv);

  it('registers enterprises from an upload, reports bad rows at their lines, and changes nothing the second time', async () => {
    const csv = ['\uFEFF' + HEADER, good(1), `${creditCode(2).slice(0, 17)}X,坏校验码,鼓楼区,C,small`, good(3), `${creditCode(4)},未知规模,泉山区,C,huge`, good(5)].join('\r\n');
    const first = await upload('enterprises', csv).expect(200);
    expect(first.body).toEqual({
      rows: 5, registered: 3, changed: 0, unchanged: 0, rejected: 2, errorCount: 2, errorsTruncated: false,
      errors: [
        { line: 3, column: 'credit_code', reason: expect.stringMatching(/^check character does not match/) },
        { line: 5, column: 'size', reason: 'must be one of micro, small, medium, large (got "huge")' },
      ],
    });
    expect((await t.http().put(`/v1/enterprises/${creditCode(3)}`).set(admin).send(aProfile({ name: '徐州第3号企业有限公司' })).expect(200)).body.outcome).toBe('unchanged');
    const before = await head(t);
    const second = await upload('enterprises', csv).expect(200);
    expect(second.body).toMatchObject({ rows: 5, registered: 0, unchanged: 3, rejected: 2 });
    expect(await head(t)).toBe(before);
  });

  it('streams a body far past the 64 KiB JSON limit, and lists the first 1,000 problems while counting all', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 2000; i++) rows.push(good(1000 + i), `${creditCode(9000 + i)},,鼓楼区,C,small`);
    const csv = rows.join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(3 * 64 * 1024);
    const res = await upload('enterprises', csv).expect(200);
    expect(res.body).toMatchObject({ rows: 4000, registered: 2000, rejected: 2000, errorCount: 2000, errorsTruncated: true });
    expect(res.body.errors).toHaveLength(1000);
    expect(res.body.errors[999]).toEqual({ line: 2001, column: 'name', reason: 'must not be empty' });
  }, 60_000);

  it("puts agencies into a campaign's scope from an upload (?campaign=)", async () => {
    await openCampaign(t, 'agencies-2020');
    const csv = ['agency_id,name', 'tax,国家税务总局徐州市税务局', 'courts,市中级人民法院', 'Bad,名', 'police,市公安局'].join('\n');
    const res = await upload('agencies?campaign=agencies-2020', csv).expect(200);
    expect(res.body).toEqual({
      rows: 4, added: 1, renamed: 1, unchanged: 1, rejected: 1, errorCount: 1, errorsTruncated: false,
      errors: [{ line: 4, column: 'agency_id', reason: 'must be lower-case letters, digits and hyphens (at most 63) (got "Bad")' }],
    });
    const campaign = await t.http().get('/v1/campaigns/agencies-2020').set(analyst).expect(200);
    expect(campaign.body.agencies.map((a: { id: string; name: string }) => `${a.id}:${a.name}`)).toEqual([
      'tax:国家税务总局徐州市税务局', 'police:市公安局', 'housing:市住房和城乡建设局', 'courts:市中级人民法院',
    ]);
    expectProblem(await upload('agencies', csv), 400, /campaign/);
    expectProblem(await upload('agencies?campaign=nowhere', csv), 404, /nowhere/);
    await openCampaign(t, 'agencies-closed');
    await t.http().post('/v1/campaigns/agencies-closed/close').set(admin).expect(200);
    expectProblem(await upload('agencies?campaign=agencies-closed', csv), 409, /closed/);
  });

  it('refuses an unreadable header or an empty file with 400, and records nothing', async () => {
    const before = await head(t);
    const body = expectProblem(await upload('enterprises', `credit_code,name,phone\n${good(7)}`), 400, /unknown column "phone"/);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'header' })]);
    expectProblem(await upload('enterprises', ''), 400, /empty/);
    expect(await head(t)).toBe(before);
  });

  it('imports the rows before an unclosed quote and reports the line it starts on', async () => {
    const csv = [HEADER, good(20), `"${creditCode(21)},unclosed,鼓楼区,C,small`, ...Array.from({ length: 3000 }, (_, i) => good(30_000 + i))].join('\n');
    const res = await upload('enterprises', csv).expect(200);
    expect(res.body).toMatchObject({ rows: 2, registered: 1, rejected: 1, errors: [{ line: 3, reason: expect.stringMatching(/^malformed CSV: .*the rest of the file was not read$/) }] });
    await t.http().get('/v1/health').expect(200); // the connection and the server are fine
  });

  it('takes text/csv on the import routes only (415 elsewhere), and only text/csv there', async () => {
    expectProblem(await t.http().post('/v1/admin/imports/enterprises').set(admin).send({ rows: [] }), 415, /text\/csv/);
    expectProblem(await t.http().post('/v1/campaigns').set(admin).set('content-type', 'text/csv').send('id\nx'), 415);
  });

  it('lets only an admin upload (403 for analysts, auditors and enterprises; 401 without a token)', async () => {
    const csv = `${HEADER}\n${good(8)}`;
    for (const who of [analyst, auditor, bearer('enterprise', creditCode(8))]) expectProblem(await upload('enterprises', csv, who), 403);
    expectProblem(await t.http().post('/v1/admin/imports/enterprises').set('content-type', 'text/csv').send(csv), 401);
  });

  it('answers 413 at once to an upload that says it is over 64 MiB', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${t.url}/v1/admin/imports/enterprises`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token('admin', 'admin-1')}`, 'content-type': 'text/csv', 'content-length': String(64 * 1024 * 1024 + 1) },
      }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(`${HEADER}\n${good(9)}\n`);
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ status: 413, detail: expect.stringMatching(/larger than 64 MiB/) });
  });
});
