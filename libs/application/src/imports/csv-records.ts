/**
 * Streams CSV (a file, or an upload's request body) as records, each with the physical line it
 * starts on, reading a chunk at a time so that a 150,000-row file never sits in memory. csv-parse
 * does the quoting (commas and line breaks inside quoted fields, a UTF-8 BOM, CRLF or LF); the
 * line numbers are counted here, because csv-parse's own `info.lines` counts a CRLF inside a
 * quoted field as two lines.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

export type CsvItem = { line: number; cells: string[] } | { line: number; malformed: string };

/** A stray quote would otherwise swallow the rest of the file into one field, in memory. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Yields the records in order. `bytesRead()` tells how far into the source the reader is (for a
 * progress bar). Malformed CSV that the parser cannot get past (an unclosed quote, an oversized
 * record) ends the stream with one `malformed` item at the line where that record starts; an error
 * of the source itself (unreadable file, upload over its limit) is thrown by the iteration.
 */
export function csvRecords(source: string | Readable): { items: AsyncIterable<CsvItem>; bytesRead: () => number } {
  const file = typeof source === 'string' ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source;
  let bytes = 0;
  file.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true, // a short or long row is reported as a bad row, not a fatal error
    relax_quotes: true, // a quote inside an unquoted field is kept as text
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: MAX_RECORD_BYTES,
  });
  file.on('error', (e: Error) => parser.destroy(e));
  parser.on('close', () => {
    // Also when the reader stops early. A request body is drained rather than destroyed: destroying
    // it would close the socket that the answer still has to go out on.
    if (typeof source === 'string') file.destroy();
    else {
      file.unpipe(parser);
      file.resume();
    }
  });
  file.pipe(parser);
  return { items: withLines(parser), bytesRead: () => bytes };
}

async function* withLines(parser: AsyncIterable<{ record: string[]; info: { empty_lines: number } }>): AsyncGenerator<CsvItem> {
  let next = 1; // the line after the last record seen
  let empty = 0; // blank lines skipped by the parser so far
  try {
    for await (const { record, info } of parser) {
      const line = next + info.empty_lines - empty;
      empty = info.empty_lines;
      next = line + 1 + record.reduce((n, cell) => n + newlines(cell), 0);
      yield { line, cells: record };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const skipped = typeof error.empty_lines === 'number' ? error.empty_lines - empty : 0;
    yield { line: next + skipped, malformed: `${error.message.replace(/ at line \d+.*$/, '')}; the rest of the file was not read` };
  }
}

function newlines(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}
