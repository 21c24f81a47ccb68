/** The agency CSV's rows: header in either language, each problem with its column, duplicates within a file. */
import { HeaderError, readCsvHeader } from './csv-header';
import { AGENCY_HEADER_NAMES, agencyImport, checkAgencyRow } from './agency-rows';

const header = readCsvHeader(['agency_id', 'name'], AGENCY_HEADER_NAMES);

describe('agency rows', () => {
  it('reads the header in any order, in English or Chinese, and refuses an unknown column', () => {
    expect(readCsvHeader(['名称', '机构代码'], AGENCY_HEADER_NAMES).index).toEqual({ name: 0, agencyId: 1 });
    expect(() => readCsvHeader(['agency_id', 'name', 'phone'], AGENCY_HEADER_NAMES)).toThrow(HeaderError);
    expect(() => readCsvHeader(['agency_id'], AGENCY_HEADER_NAMES)).toThrow('the header lacks name (expected agency_id,name)');
  });

  it('gives the command data, trimmed', () => {
    expect(checkAgencyRow([' tax ', ' 市税务局 '], header)).toEqual({ row: { agencyId: 'tax', name: '市税务局' } });
  });

  it('takes an id or a name that spells an Object.prototype member as any other', () => {
    expect(checkAgencyRow(['constructor', 'toString'], header)).toEqual({ row: { agencyId: 'constructor', name: 'toString' } });
    const check = agencyImport('xz-2020').rows(header);
    expect(check(['constructor', '构造局'], 2)).toEqual({ row: { agencyId: 'constructor', name: '构造局' } });
    expect(check(['constructor', '另一个'], 3)).toEqual({ problems: [{ column: 'agency_id', reason: 'duplicate of line 2 with a different name' }] });
  });

  it('reports every problem of a row with its column, and a row of the wrong width as a whole', () => {
    expect(checkAgencyRow(['Tax Bureau', ' '], header)).toEqual({
      problems: [
        { column: 'agency_id', reason: 'must be lower-case letters, digits and hyphens (at most 63) (got "Tax Bureau")' },
        { column: 'name', reason: 'must not be empty' },
      ],
    });
    expect(checkAgencyRow(['tax', 'x'.repeat(101)], header)).toMatchObject({ problems: [{ column: 'name', reason: expect.stringMatching(/^must be at most 100 characters/) }] });
    expect(checkAgencyRow(['tax'], header)).toEqual({ problems: [{ reason: 'has 1 fields, expected 2' }] });
    expect(checkAgencyRow(['tax', '\uFFFD\uFFFD'], header)).toEqual({ problems: [{ column: 'name', reason: 'is not valid UTF-8 (save the file as UTF-8)' }] });
  });

  it('lets the same row through again in one file, but not the same id under another name', () => {
    const check = agencyImport('xz-2020').rows(header);
    expect(check(['tax', '市税务局'], 2)).toEqual({ row: { agencyId: 'tax', name: '市税务局' } });
    expect(check(['tax', '市税务局'], 3)).toEqual({ row: { agencyId: 'tax', name: '市税务局' } });
    expect(check(['tax', '国家税务总局徐州市税务局'], 7)).toEqual({ problems: [{ column: 'agency_id', reason: 'duplicate of line 2 with a different name' }] });
  });
});
