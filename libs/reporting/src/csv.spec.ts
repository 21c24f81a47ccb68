import { agencyCsv, csvField } from './csv';
import { agencyDetail } from './agency-detail';
import { DEFAULT_SCALE } from '@survey/domain';

describe('csvField', () => {
  it.each([
    ['plain', false, 'plain'],
    ['a,b', false, '"a,b"'],
    ['say "hi"', false, '"say ""hi"""'],
    ['two\nlines', false, '"two\nlines"'],
    ['=HYPERLINK("x")', true, `"'=HYPERLINK(""x"")"`], // a text cell a spreadsheet would run
    ['-1', true, "'-1"],
    [-12.5, false, '-12.5'], // numbers are numbers
    [null, false, ''],
    [true, false, 'true'],
  ])('%p (text %p) → %p', (value, text, expected) => {
    expect(csvField(value as string, text as boolean)).toBe(expected);
  });
});

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
});
