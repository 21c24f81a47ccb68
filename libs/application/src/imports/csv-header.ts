/**
 * What every CSV import shares about its header and rows: which column is which (names in any
 * order, case-insensitive, English or Chinese), blank rows, and how a row's problem is told.
 */

/** Where each field sits in a record, and the column names as the file spells them (for reports). */
export interface Header<F extends string> {
  index: Record<F, number>;
  names: Record<F, string>;
  width: number;
}

/** A problem with one row; `column` is absent when the row as a whole is wrong. */
export interface RowProblem {
  column?: string;
  reason: string;
}

/** The header cannot be read: nothing is imported (exit code 2 on the CLI, 400 over HTTP). */
export class HeaderError extends Error {}

/** Reads a header against the accepted names of each field (the first name is the canonical one). */
export function readCsvHeader<F extends string>(cells: readonly string[], accepted: Record<F, readonly string[]>): Header<F> {
  const fields = Object.keys(accepted) as F[];
  // Maps while reading, Object.fromEntries at the end: no plain object filled key by key (test/own-keys.spec.ts).
  const index = new Map<F, number>();
  const names = new Map<F, string>();
  cells.forEach((cell, i) => {
    const name = cell.trim();
    const field = fields.find((f) => accepted[f].includes(name.toLowerCase()));
    if (!field) throw new HeaderError(`unknown column "${name}" in the header${name.includes('\uFFFD') ? ' (is the file UTF-8?)' : ''}`);
    if (index.has(field)) throw new HeaderError(`column "${name}" appears twice in the header`);
    index.set(field, i);
    names.set(field, name);
  });
  const missing = fields.filter((f) => !index.has(f)).map((f) => accepted[f][0]);
  if (missing.length) throw new HeaderError(`the header lacks ${missing.join(', ')} (expected ${fields.map((f) => accepted[f][0]).join(',')})`);
  return { index: Object.fromEntries(index) as Record<F, number>, names: Object.fromEntries(names) as Record<F, string>, width: cells.length };
}

/** Excel exports often end with rows of bare commas; those are blank lines, not bad rows. */
export const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The cells by field, trimmed; or the problem of a row with the wrong number of fields. */
export function cellsOf<F extends string>(cells: readonly string[], header: Header<F>): Record<F, string> | RowProblem {
  if (cells.length !== header.width) return { reason: `has ${cells.length} fields, expected ${header.width}` };
  return Object.fromEntries((Object.keys(header.index) as F[]).map((f) => [f, cells[header.index[f]].trim()])) as Record<F, string>;
}

/** ` (got "…")` for a reason, the value cut at 40 characters; nothing for an empty value. */
export const got = (value: string) => (value ? ` (got "${value.length > 40 ? `${value.slice(0, 40)}…` : value}")` : '');

/** A problem per field whose text was not valid UTF-8 (the decoder's U+FFFD). */
export function notUtf8<F extends string>(row: Record<F, string>, header: Header<F>): RowProblem[] {
  return (Object.keys(row) as F[]).filter((f) => row[f].includes('\uFFFD')).map((f) => ({ column: header.names[f], reason: 'is not valid UTF-8 (save the file as UTF-8)' }));
}

/**
 * Remembers each key's first line and content in this file: a later row with the same key and
 * other content is a mistake in the file (which one is right?), not a change. One short entry per key.
 */
export class DuplicateKeys {
  private readonly seen = new Map<string, { line: number; content: string }>();

  constructor(private readonly what: string) {}

  problem(key: string, content: string, line: number, column: string): RowProblem | null {
    const first = this.seen.get(key);
    if (!first) this.seen.set(key, { line, content });
    if (!first || first.content === content) return null;
    return { column, reason: `duplicate of line ${first.line} with a different ${this.what}` };
  }
}
