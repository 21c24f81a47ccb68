/**
 * The enterprise CSV's header and rows: which column is which, and why a row cannot go in. The
 * rules themselves are the domain's (the enterprise decider and GB 32100), asked here per row so a
 * bad row is reported with its column before any command is sent, and good rows still go in.
 */
import { creditCodeProblem, DomainError, enterpriseDecider, EnterpriseSize, RegisterEnterprise } from '@survey/domain';

export type Field = 'creditCode' | 'name' | 'district' | 'industry' | 'size';
export type EnterpriseRow = RegisterEnterprise['data'];

/** Accepted header names per field, compared trimmed and case-insensitively. */
export const HEADER_NAMES: Record<Field, readonly string[]> = {
  creditCode: ['credit_code', '统一社会信用代码'],
  name: ['name', '名称'],
  district: ['district', '区县'],
  industry: ['industry', '行业'],
  size: ['size', '规模'],
};
const FIELDS = Object.keys(HEADER_NAMES) as Field[];

/** Where each field sits in a record, and the column names as the file spells them (for reports). */
export interface Header {
  index: Record<Field, number>;
  names: Record<Field, string>;
  width: number;
}

/** A problem with one row; `column` is absent when the row as a whole is wrong. */
export interface RowProblem {
  column?: string;
  reason: string;
}

export class HeaderError extends Error {}

export function readHeader(cells: readonly string[]): Header {
  const index = {} as Record<Field, number>;
  const names = {} as Record<Field, string>;
  cells.forEach((cell, i) => {
    const name = cell.trim();
    const field = FIELDS.find((f) => HEADER_NAMES[f].includes(name.toLowerCase()));
    if (!field) throw new HeaderError(`unknown column "${name}" in the header${name.includes('\uFFFD') ? ' (is the file UTF-8?)' : ''}`);
    if (field in index) throw new HeaderError(`column "${name}" appears twice in the header`);
    index[field] = i;
    names[field] = name;
  });
  const missing = FIELDS.filter((f) => !(f in index)).map((f) => HEADER_NAMES[f][0]);
  if (missing.length) throw new HeaderError(`the header lacks ${missing.join(', ')} (expected ${FIELDS.map((f) => HEADER_NAMES[f][0]).join(',')})`);
  return { index, names, width: cells.length };
}

/** Excel exports often end with rows of bare commas; those are blank lines, not bad rows. */
export const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

// Stands in for an invalid code so that the profile is still checked and every problem reported.
const SOME_VALID_CODE = '91310110666007217T';

/** The row as a command's data, or every problem found in it. */
export function checkRow(cells: readonly string[], header: Header): { row: EnterpriseRow } | { problems: RowProblem[] } {
  if (cells.length !== header.width) return { problems: [{ reason: `has ${cells.length} fields, expected ${header.width}` }] };
  const cell = (f: Field) => cells[header.index[f]].trim();
  const row: EnterpriseRow = {
    creditCode: cell('creditCode'), name: cell('name'), district: cell('district'), industry: cell('industry'), size: cell('size') as EnterpriseSize,
  };
  const problems: RowProblem[] = [];
  const column = (f: string) => header.names[f as Field] ?? f;
  const got = (f: Field) => (row[f] ? ` (got "${row[f].length > 40 ? `${row[f].slice(0, 40)}…` : row[f]}")` : '');
  const codeProblem = creditCodeProblem(row.creditCode);
  if (codeProblem) problems.push({ column: column('creditCode'), reason: `${codeProblem}${got('creditCode')}` });
  try {
    enterpriseDecider.decide({ type: 'RegisterEnterprise', data: { ...row, creditCode: codeProblem ? SOME_VALID_CODE : row.creditCode } }, { registered: false }, undefined);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const e of error.errors) problems.push({ column: column(e.field), reason: `${e.message}${got(e.field as Field)}` });
  }
  for (const f of FIELDS) {
    if (row[f].includes('\uFFFD')) problems.push({ column: column(f), reason: 'is not valid UTF-8 (save the file as UTF-8)' });
  }
  return problems.length ? { problems } : { row };
}

/**
 * Remembers each credit code's first line and profile in this file: a later row with the same code
 * and another profile is a mistake in the file (which one is right?), not a profile change.
 * Holds one short entry per enterprise, not the rows.
 */
export class DuplicateCodes {
  private readonly seen = new Map<string, { line: number; profile: string }>();

  problem(row: EnterpriseRow, line: number, column: string): RowProblem | null {
    const profile = [row.name, row.district, row.industry, row.size].join('\u0000');
    const first = this.seen.get(row.creditCode);
    if (!first) this.seen.set(row.creditCode, { line, profile });
    if (!first || first.profile === profile) return null;
    return { column, reason: `duplicate of line ${first.line} with a different profile` };
  }
}
