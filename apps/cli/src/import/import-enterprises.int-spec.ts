/**
 * The enterprise import on real SQLite files: a generated 150,000-row CSV (BOM, Chinese names,
 * a quoted comma, a quoted line break, blank lines and bad rows at known lines) goes in through
 * the command path, the bad rows are reported at their lines and columns, and a second import
 * through the CLI's runner changes nothing and writes the same report as CSV.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Aggregates, AppConfig, enterpriseImport, importCsv, systemMeta } from '@survey/application';
import { enterpriseDecider, streams } from '@survey/domain';
import { creditCode as code } from '@survey/domain/testing';
import { runImport } from './run-import';
import { cliContext } from '../cli-context';

const ROWS = 150_000;
const SIZES = ['micro', 'small', 'medium', 'large'];

/** The file's text, and the problems expected at their lines ("line N, column C: reason"). */
function generate(): { csv: string; expected: string[] } {
  const lines = ['\uFEFFcredit_code,name,district,industry,size'];
  let physical = 1; // the file's line count so far: one record may span several
  const add = (...records: string[]) => {
    for (const r of records) physical += 1 + (r.match(/\n/g)?.length ?? 0);
    lines.push(...records);
  };
  const expected: string[] = [];
  const bad = (row: string, problem: string) => {
    expected.push(`line ${physical + 1}${problem}`);
    add(row);
  };
  const good = (i: number, name = `徐州第${i}号企业有限公司`) => `${code(i)},${name},鼓楼区,${'ABCDEFGHIJKLMNOPQRST'[i % 20]},${SIZES[i % 4]}`;
  for (let i = 0; i < ROWS; i++) {
    add(i === 0 ? good(i, '"徐州云龙, 彭城科技有限公司"') : i === 10 ? good(i, '"两行的\n名称有限公司"') : good(i));
    if (i === 99) bad(`${code(i).slice(0, 17)}${code(i)[17] === '1' ? '2' : '1'},坏校验码,鼓楼区,C,small`, ', column credit_code: check character does not match (GB 32100-2015)');
    if (i === 1_000) add('', ',,,,'); // blank lines, not rows
    if (i === 20_000) bad(`${code(ROWS + 1)},未知规模,泉山区,C,huge`, ', column size: must be one of micro, small, medium, large (got "huge")');
    if (i === 50_000) bad(`${code(ROWS + 2)},错误行业,泉山区,Z,small`, ', column industry: must be a GB/T 4754 section letter A–T (got "Z")');
    if (i === 80_000) bad(`${code(ROWS + 3)}, ,泉山区,C,small`, ', column name: must not be empty');
    if (i === 110_000) bad(`${code(ROWS + 4)},少一列,泉山区,C`, ': has 4 fields, expected 5');
    if (i === 140_000) bad(good(5).replace(/,small$/, ',large'), ', column credit_code: duplicate of line 7 with a different profile');
    if (i === 140_001) add(good(6)); // the same row again: accepted, unchanged
  }
  return { csv: `${lines.join('\r\n')}\r\n`, expected };
}

describe('importEnterprises', () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-import-'));
  const file = join(dir, 'enterprises.csv');
  const config: AppConfig = { port: 0, dataDir: join(dir, 'data'), jwtSecret: 'x'.repeat(32), suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: false };
  const { csv, expected } = generate();
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    writeFileSync(file, csv);
    app = await cliContext(config, { logger: false });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers every good row through the command path and reports each bad row at its line and column', async () => {
    const reported: string[] = [];
    let lastProgress = { rows: 0, bytes: 0 };
    const context = { commands: app!.get(CommandBus), queries: app!.get(QueryBus), meta: systemMeta('import-test') };
    const summary = await importCsv(enterpriseImport, file, context, {
      report: (line, p) => reported.push(`line ${line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`),
      progress: (rows, bytes) => (lastProgress = { rows, bytes }),
    });

    expect(summary).toEqual({ rows: ROWS + 7, registered: ROWS, changed: 0, unchanged: 1, rejected: 6 });
    expect(reported.map((r) => r.replace(/ \(got "9.*"\)$/, ''))).toEqual(expected);
    expect(lastProgress.rows).toBe(ROWS + 7);
    expect(lastProgress.bytes).toBeGreaterThan(0);
    const profile = async (n: number) => {
      const { state } = await app!.get(Aggregates).load(streams.enterprise(code(n)), enterpriseDecider);
      return state.registered ? state.profile : undefined;
    };
    expect(await profile(0)).toEqual({ name: '徐州云龙, 彭城科技有限公司', district: '鼓楼区', industry: 'A', size: 'micro' });
    expect((await profile(10))?.name).toBe('两行的\n名称有限公司');
    expect(await profile(5)).toEqual({ name: '徐州第5号企业有限公司', district: '鼓楼区', industry: 'F', size: 'small' });
    expect(await profile(ROWS - 1)).toEqual({ name: `徐州第${ROWS - 1}号企业有限公司`, district: '鼓楼区', industry: 'T', size: 'large' });
  }, 120_000);

  it('changes nothing when the same file is imported again through the CLI runner, and writes the report as CSV', async () => {
    await app!.close();
    app = undefined;
    const errors = join(dir, 'errors.csv');
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true); // the result, through conventions.ts's say()
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runImport(config, enterpriseImport, file, { errors, json: true })).toBe(1);
      expect(JSON.parse(String(out.mock.calls[0][0]))).toEqual({ rows: ROWS + 7, registered: 0, changed: 0, unchanged: ROWS + 1, rejected: 6 });
      expect(err.mock.calls.map(([s]) => String(s)).filter((s) => s.startsWith('line '))).toHaveLength(expected.length);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const report = readFileSync(errors, 'utf8').trimEnd().split('\r\n');
    expect(report[0]).toBe('\uFEFFline,column,reason');
    const lineAndColumn = (text: string) => text.match(/^line (\d+)(?:, column (\w+))?/)!.slice(1).map((x) => x ?? '').join(',');
    expect(report.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(expected.map(lineAndColumn));
    expect(report[5]).toBe(`${lineAndColumn(expected[4])},"has 4 fields, expected 5"`);
    expect(report[3]).toBe(`${lineAndColumn(expected[2])},"must be a GB/T 4754 section letter A–T (got ""Z"")"`);
  }, 120_000);
});
