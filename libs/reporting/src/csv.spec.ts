import { agencyCsv } from './csv';
import { agencyDetail, AgencyDetail } from './agency-detail';
import { DEFAULT_SCALE } from '@survey/domain';

describe('agencyCsv', () => {
  it('writes one CRLF line per row, lazily, suppressed cells with empty figures', () => {
    const detail = agencyDetail({
      campaign: { campaignId: 'xz-2019', year: 2019, agencies: [{ id: 'tax', name: '市税务局, 一分局' }], questions: [], scale: DEFAULT_SCALE.map((l) => ({ ...l })) },
      agencyId: 'tax', levels: new Map([['satisfied', 8]]), questions: new Map(), previous: null,
      segments: {
        district: new Map([['鼓楼区', { respondents: 6, levels: new Map([['satisfied', 6]]) }], ['贾汪区', { respondents: 2, levels: new Map([['satisfied', 2]]) }]]),
        industry: new Map(), size: new Map(),
      },
      k: 5, asOf: { position: 1, recordedAt: null },
    });
    const rows = agencyCsv(detail); // 8 of 8 satisfied (score 75 each): 100.0 [67.6, 100]; no bad review: 0.0 [0, 32.4]
    expect(rows.next().value).toMatch(/^campaign_id,agency_id,breakdown,.*,suppressed\r\n$/);
    expect(rows.next().value).toBe('xz-2019,tax,agency,,"市税务局, 一分局",8,8,100,67.6,100,75,0,0,32.4,false\r\n');
    // Values by code point (贾 U+8D3E before 鼓 U+9F13): 贾汪区 (2) is under k, 鼓楼区 its complement.
    expect([...rows]).toEqual(['xz-2019,tax,segment,district,贾汪区,,,,,,,,,,true\r\n', 'xz-2019,tax,segment,district,鼓楼区,,,,,,,,,,true\r\n']);
  });

  it('defuses an agency name or a segment value that a spreadsheet would run', () => {
    const rate = { rate: 100, low: 61, high: 100, n: 6 };
    const figures = { n: 6, satisfaction: rate, meanScore: 75, badReviews: { rate: 0, low: 0, high: 39, n: 6 } };
    const detail: AgencyDetail = {
      campaignId: 'xz-2019', year: 2019, agencyId: 'tax', name: '=HYPERLINK("http://x","y")', respondents: 6, evaluations: 6,
      satisfaction: rate, meanScore: 75, badReviewRate: 0, badReviews: figures.badReviews, previous: null, change: null, questions: [],
      segments: { district: [{ value: '+鼓楼区', respondents: 6, ...figures }], industry: [], size: [] }, suppressionK: 5, asOf: { position: '1', recordedAt: null },
    };
    const rows = [...agencyCsv(detail)];
    expect(rows[1]).toMatch(/^xz-2019,tax,agency,,"'=HYPERLINK\(""http:\/\/x"",""y""\)",6,6,/);
    expect(rows[2]).toMatch(/^xz-2019,tax,segment,district,'\+鼓楼区,6,6,/);
  });
});
