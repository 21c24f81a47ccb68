/**
 * RegisterEnterprisesCommand's handler on a real SQLite log: a batch's rows are decided as
 * RegisterEnterpriseCommand decides them (registered, changed, unchanged), their appends share one
 * group commit, a credit code repeated in one batch is registered once (the second is decided
 * again on its revision and found unchanged), and a second run of the same rows appends nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisterEnterprise } from '@survey/domain';
import { creditCode as code } from '@survey/domain/testing';
import { SqliteEventStore } from '@survey/event-store';
import { Aggregates } from '../runtime/aggregates';
import { ManualClock } from '../runtime/clock';
import type { CommandMeta } from '../runtime/command-meta';
import { RegisterEnterprisesCommand } from './register-enterprises.command';
import { RegisterEnterprisesHandler } from './register-enterprises.handler';

const meta: CommandMeta = { actor: { role: 'admin', sub: 'test' }, correlationId: 'import-1' };
const row = (i: number, size: RegisterEnterprise['data']['size'] = 'small'): RegisterEnterprise['data'] => ({
  creditCode: code(i), name: `徐州第${i}号企业有限公司`, district: '鼓楼区', industry: 'C', size,
});

describe('RegisterEnterprisesHandler', () => {
  let dir: string;
  let events: SqliteEventStore;
  let handler: RegisterEnterprisesHandler;
  const commits: number[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'register-enterprises-'));
    commits.length = 0;
    events = SqliteEventStore.open(join(dir, 'events.db'), { onCommit: (appends) => commits.push(appends) });
    handler = new RegisterEnterprisesHandler(new Aggregates(events, new ManualClock(new Date('2019-10-01T00:00:00Z'))));
  });

  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides every row as the single registration does, the new ones appended in one group commit', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i));
    expect((await handler.execute(new RegisterEnterprisesCommand(rows, meta))).outcomes).toEqual(rows.map(() => 'registered'));
    expect(commits).toEqual([rows.length]);
    const [first] = await events.readStream(`enterprise-${code(0)}`);
    expect(first).toMatchObject({ type: 'EnterpriseRegistered', revision: 0, metadata: { correlationId: 'import-1', actor: meta.actor } });

    const again = [row(0), row(1, 'large'), row(300)];
    expect((await handler.execute(new RegisterEnterprisesCommand(again, meta))).outcomes).toEqual(['unchanged', 'changed', 'registered']);
    expect((await events.readStream(`enterprise-${code(1)}`)).map((e) => e.type)).toEqual(['EnterpriseRegistered', 'EnterpriseProfileChanged']);
    const head = await events.headPosition();
    expect((await handler.execute(new RegisterEnterprisesCommand(again, meta))).outcomes).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await events.headPosition()).toBe(head);
  });

  it('registers a credit code repeated in one batch once', async () => {
    const outcomes = (await handler.execute(new RegisterEnterprisesCommand([row(7), row(8), row(7)], meta))).outcomes;
    expect([...outcomes].sort()).toEqual(['registered', 'registered', 'unchanged']);
    expect(await events.readStream(`enterprise-${code(7)}`)).toHaveLength(1);
    expect(await events.headPosition()).toBe(2);
  });
});
