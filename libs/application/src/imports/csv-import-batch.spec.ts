/**
 * importCsv with a kind that takes its rows in batches: the good rows go in batches of the kind's
 * size (the last one short), a row its batch answers with a DomainError is reported at its own line
 * while the others count, and a failure that is no DomainError stops the import. (The rows read
 * before an unclosed quote still go in: test/imports.e2e-spec.ts, on the enterprise kind.)
 */
import { Readable } from 'node:stream';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Conflict } from '@survey/domain';
import { importCsv, ImportContext, ImportKind } from './csv-import';
import type { RowProblem } from './csv-header';

type Row = { name: string };
const context: ImportContext = { commands: {} as CommandBus, queries: {} as QueryBus, meta: { actor: { role: 'admin', sub: 'test' }, correlationId: 'c' } };

function batchKind(batches: string[][], failOn?: string): ImportKind<'name', Row, 'added'> {
  return {
    what: 'names',
    columns: { name: ['name'] },
    outcomes: ['added'],
    concurrency: 2,
    rows: () => (cells) => (cells[0] === 'empty!' ? { problems: [{ column: 'name', reason: 'must not be empty' }] } : { row: { name: cells[0] } }),
    execute: () => Promise.reject(new Error('a batch kind takes no single row')),
    batch: {
      size: 3,
      async execute(_context, rows) {
        batches.push(rows.map((r) => r.name));
        if (failOn && rows.some((r) => r.name === failOn)) throw new Error('disk full');
        return rows.map((r) => (r.name.startsWith('taken') ? new Conflict(`${r.name} is taken`) : 'added'));
      },
    },
  };
}

async function run(csv: string, kind: ImportKind<'name', Row, 'added'>) {
  const reported: string[] = [];
  const summary = await importCsv(kind, Readable.from([csv]), context, {
    report: (line: number, p: RowProblem) => reported.push(`${line}: ${p.reason}`),
  });
  return { summary, reported };
}

describe('importCsv in batches', () => {
  it('sends the good rows in batches of the kind size and reports each refused row at its line', async () => {
    const batches: string[][] = [];
    const { summary, reported } = await run('name\na\nb\nempty!\ntaken1\nc\nd\ne\n', batchKind(batches));
    expect(batches).toEqual([['a', 'b', 'taken1'], ['c', 'd', 'e']]);
    expect(summary).toEqual({ rows: 7, added: 5, rejected: 2 });
    expect(reported.sort()).toEqual(['4: must not be empty', '5: taken1 is taken']);
  });

  it('stops on a failure that is not the domain refusing a row', async () => {
    const batches: string[][] = [];
    await expect(run(`name\n${['a', 'b', 'c', 'd', 'boom', 'f', 'g', 'h', 'i', 'j'].join('\n')}\n`, batchKind(batches, 'boom'))).rejects.toThrow('disk full');
  });
});
