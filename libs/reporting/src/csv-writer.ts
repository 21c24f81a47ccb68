/**
 * The one CSV writer of the service and the CLI (report exports, non-respondents, invitation links,
 * import error files): RFC 4180 fields, CRLF rows, and text that a spreadsheet would run as a
 * formula defused. OWASP's rule for CSV injection: a cell that starts with = + - @ tab or carriage
 * return is a formula (or becomes one) in Excel, LibreOffice and Google Sheets, so such a text
 * cell gets a leading apostrophe, which those programs show as text and never evaluate.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Byte-order mark first, so that spreadsheet programs read UTF-8 (Chinese names) correctly. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Strings are text: defused when they could run, then quoted when they hold a quote,
 * a comma or a line break. Numbers and booleans are written as JSON writes them (a negative
 * number stays a number: it is a figure, not text a user typed).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
