import { csvCell, csvRow } from './csv-writer';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['市税务局', '市税务局'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ])('writes text %p as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  // OWASP's list: = + - @ tab and carriage return at the start make a cell a formula.
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['-2+3,x', `"'-2+3,x"`],
  ])('defuses %p as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves a formula character inside the text alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('徐州-鼓楼')).toBe('徐州-鼓楼');
  });

  it('writes numbers and booleans as they are (a negative figure is a number, not text)', () => {
    expect([-12.5, 0, 82, true, false, null, undefined].map(csvCell)).toEqual(['-12.5', '0', '82', 'true', 'false', '', '']);
  });
});

describe('csvRow', () => {
  it('joins the cells with commas and ends with CRLF', () => {
    expect(csvRow(['91310110666007217T', '=cmd|" /C calc"!A0', -3.1, null])).toBe(`91310110666007217T,"'=cmd|"" /C calc""!A0",-3.1,\r\n`);
  });
});
