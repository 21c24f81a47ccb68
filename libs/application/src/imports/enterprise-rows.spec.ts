/**
 * The import's row pieces: header recognition, the per-row check (the domain's rules, every
 * problem with its column), duplicates within a file, and the line numbers of streamed records.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCode as code } from '@survey/domain/testing';
import { csvRecords, CsvItem } from './csv-records';
import { HeaderError } from './csv-header';
import { checkRow, DuplicateCodes, readHeader } from './enterprise-rows';

const header = readHeader(['credit_code', 'name', 'district', 'industry', 'size']);

describe('readHeader', () => {
  it('accepts the columns in any order, any case, in English or Chinese', () => {
    const h = readHeader(['Size', ' NAME ', '统一社会信用代码', '区县', 'industry']);
    expect(h.index).toEqual({ size: 0, name: 1, creditCode: 2, district: 3, industry: 4 });
    expect(h.names.creditCode).toBe('统一社会信用代码');
  });

  it.each([
    [['credit_code', 'name', 'district', 'industry'], 'the header lacks size'],
    [['credit_code', 'name', 'district', 'industry', 'size', 'phone'], 'unknown column "phone"'],
    [['credit_code', 'name', 'name', 'industry', 'size'], 'column "name" appears twice'],
    [['\uFFFD\uFFFD', 'name', 'district', 'industry', 'size'], 'is the file UTF-8?'],
  ])('rejects %j', (cells, message) => {
    expect(() => readHeader(cells)).toThrow(HeaderError);
    expect(() => readHeader(cells)).toThrow(message);
  });
});

describe('checkRow', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('takes the district and name %s as any other text', (text) => {
    expect(checkRow([code(1), text, text, 'C', 'small'], header)).toEqual({ row: { creditCode: code(1), name: text, district: text, industry: 'C', size: 'small' } });
  });

  it('gives the command data, trimmed', () => {
    expect(checkRow([` ${code(1)} `, ' 徐州某某有限公司 ', '鼓楼区', 'C', 'small'], header)).toEqual({
      row: { creditCode: code(1), name: '徐州某某有限公司', district: '鼓楼区', industry: 'C', size: 'small' },
    });
  });

  it('reports every problem of a row with its column', () => {
    const bad = code(2).slice(0, 17) + (code(2)[17] === '0' ? '1' : '0');
    expect(checkRow([bad, ' ', '鼓楼区', 'c', 'huge'], header)).toEqual({
      problems: [
        { column: 'credit_code', reason: `check character does not match (GB 32100-2015) (got "${bad}")` },
        { column: 'name', reason: 'must not be empty' },
        { column: 'industry', reason: 'must be a GB/T 4754 section letter A–T (got "c")' },
        { column: 'size', reason: 'must be one of micro, small, medium, large (got "huge")' },
      ],
    });
  });

  it('names the credit code problem of GB 32100 and the wrong number of fields', () => {
    expect(checkRow(['9132030212345678I', 'a', 'b', 'C', 'small'], header)).toMatchObject({ problems: [{ column: 'credit_code', reason: expect.stringMatching(/^must be 18 characters, got 17/) }] });
    expect(checkRow([code(3), 'a', 'b', 'C'], header)).toEqual({ problems: [{ reason: 'has 4 fields, expected 5' }] });
  });

  it('flags text that was not UTF-8', () => {
    expect(checkRow([code(4), '\uFFFD\uFFFD', 'b', 'C', 'small'], header)).toMatchObject({ problems: [{ column: 'name', reason: expect.stringContaining('UTF-8') }] });
  });
});

describe('DuplicateCodes', () => {
  const row = { creditCode: code(5), name: 'A', district: 'B', industry: 'C', size: 'small' as const };
  it('lets the same profile through again but not another one for the same code', () => {
    const dup = new DuplicateCodes();
    expect(dup.problem(row, 2, 'credit_code')).toBeNull();
    expect(dup.problem(row, 3, 'credit_code')).toBeNull();
    expect(dup.problem({ ...row, size: 'large' }, 9, 'credit_code')).toEqual({ column: 'credit_code', reason: 'duplicate of line 2 with a different profile' });
  });
});

describe('csvRecords', () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = async (text: string) => {
    const path = join(dir, `f${Math.random()}.csv`);
    writeFileSync(path, text);
    const out: CsvItem[] = [];
    for await (const item of csvRecords(path).items) out.push(item);
    return out;
  };

  it('numbers records by the physical line they start on, across BOM, blank lines, CRLF and quoted line breaks', async () => {
    const items = await read('\uFEFFa,b\r\n\r\n"x,\r\ny\r\nz",w\r\n"p ""q""",2\n\nlast,"one\n"\n');
    expect(items).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x,\r\ny\r\nz', 'w'] },
      { line: 6, cells: ['p "q"', '2'] },
      { line: 8, cells: ['last', 'one\n'] },
    ]);
  });

  it('ends with the line of an unclosed quote', async () => {
    const items = await read('a,b\nc,d\n\n"e,f\ng,h\n');
    expect(items).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 4, malformed: expect.stringContaining('Quote Not Closed') },
    ]);
  });
});
