/**
 * The enterprise CSV (credit_code, name, district, industry, size): which column is which, and why
 * a row cannot go in. The rules themselves are the domain's (the enterprise decider and GB 32100),
 * asked here per row so a bad row is reported with its column before any command is sent, and good
 * rows still go in. Each good row is a RegisterEnterpriseCommand, as `PUT /v1/enterprises/{code}`.
 */
import { creditCodeProblem, DomainError, enterpriseDecider, EnterpriseSize, RegisterEnterprise } from '@survey/domain';
import { RegisterEnterpriseCommand, RegisterOutcome } from '../enterprises/register-enterprise.command';
import { RegisterEnterprisesCommand } from '../enterprises/register-enterprises.command';
import { cellsOf, DuplicateKeys, got, Header, notUtf8, readCsvHeader, RowProblem } from './csv-header';
import type { ImportKind } from './csv-import';

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

export const readHeader = (cells: readonly string[]): Header<Field> => readCsvHeader(cells, HEADER_NAMES);

// Stands in for an invalid code so that the profile is still checked and every problem reported.
const SOME_VALID_CODE = '91310110666007217T';

/** The row as a command's data, or every problem found in it. */
export function checkRow(cells: readonly string[], header: Header<Field>): { row: EnterpriseRow } | { problems: RowProblem[] } {
  const c = cellsOf(cells, header);
  if ('reason' in c) return { problems: [c] };
  const row: EnterpriseRow = { ...c, size: c.size as EnterpriseSize };
  const problems: RowProblem[] = [];
  const column = (f: string) => header.names[f as Field] ?? f;
  const codeProblem = creditCodeProblem(row.creditCode);
  if (codeProblem) problems.push({ column: column('creditCode'), reason: `${codeProblem}${got(row.creditCode)}` });
  try {
    enterpriseDecider.decide({ type: 'RegisterEnterprise', data: { ...row, creditCode: codeProblem ? SOME_VALID_CODE : row.creditCode } }, { registered: false }, undefined);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const e of error.errors) problems.push({ column: column(e.field), reason: `${e.message}${got(c[e.field as Field] ?? '')}` });
  }
  problems.push(...notUtf8(c, header));
  return problems.length ? { problems } : { row };
}

/** A later row with the same credit code and another profile: which profile is right? */
export class DuplicateCodes {
  private readonly keys = new DuplicateKeys('profile');

  problem(row: EnterpriseRow, line: number, column: string): RowProblem | null {
    return this.keys.problem(row.creditCode, [row.name, row.district, row.industry, row.size].join('\u0000'), line, column);
  }
}

export const enterpriseImport: ImportKind<Field, EnterpriseRow, RegisterOutcome> = {
  what: 'enterprises',
  columns: HEADER_NAMES,
  outcomes: ['registered', 'changed', 'unchanged'],
  // Each row is its own stream (a credit code repeated with the same profile is decided again and
  // retried on the revision, as two concurrent PUTs are): a batch's appends share one group commit,
  // and with two batches in flight one is decided while the other commits.
  concurrency: 2,
  batch: {
    size: 2000,
    async execute({ commands, meta }, rows) {
      return (await commands.execute(new RegisterEnterprisesCommand(rows, meta))).outcomes;
    },
  },
  rows(header) {
    const duplicates = new DuplicateCodes();
    return (cells, line) => {
      const checked = checkRow(cells, header);
      if ('problems' in checked) return checked;
      const duplicate = duplicates.problem(checked.row, line, header.names.creditCode);
      return duplicate ? { problems: [duplicate] } : checked;
    };
  },
  async execute({ commands, meta }, row) {
    return (await commands.execute(new RegisterEnterpriseCommand(row, meta))).outcome;
  },
};
