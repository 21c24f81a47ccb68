/**
 * The agency import on real SQLite files: a campaign's agencies put from a CSV through the command
 * path (added, renamed, unchanged), bad rows reported at their lines and columns while good rows
 * go in, a second run changing nothing, and the whole import refused for an unknown or closed campaign.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  agencyImport, Aggregates, AppConfig, CloseCampaignCommand, importCsv, OpenCampaignCommand, systemMeta,
} from '@survey/application';
import { campaignDecider, streams } from '@survey/domain';
import { UsageError } from '../conventions';
import { runImport } from './run-import';
import { cliContext } from '../cli-context';

const DAY = 86_400_000;
const CSV = [
  '\uFEFF名称,agency_id', // the header in any order and either language
  '国家税务总局徐州市税务局,tax', // line 2: renames tax
  '市公安局,police', // line 3: unchanged
  '"市住房和城乡建设局, 人防办",housing', // line 4: added (a quoted comma)
  ',courts', // line 5: empty name
  '市法院,Courts', // line 6: bad id
  '市市场监管局,market', // line 7: added
  '市市场监督管理局,market', // line 8: same id, another name
  '市市场监管局,market', // line 9: the same row again: unchanged
  '只有一列', // line 10: one field
  '',
  '市自然资源和规划局,nature', // line 12: added
].join('\r\n');

describe('survey import agencies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-agencies-'));
  const file = join(dir, 'agencies.csv');
  const config: AppConfig = { port: 0, dataDir: join(dir, 'data'), jwtSecret: 'x'.repeat(32), suppressionK: 5, publicUrl: 'http://localhost', inProcessProjector: false };
  let app: INestApplicationContext | undefined;
  const open = (campaignId: string) => app!.get(CommandBus).execute(new OpenCampaignCommand({
    campaignId, year: 2020, title: campaignId, opensAt: new Date(Date.now() - DAY).toISOString(), closesAt: new Date(Date.now() + DAY).toISOString(),
    agencies: [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }],
  }, systemMeta()));

  beforeAll(async () => {
    writeFileSync(file, CSV);
    app = await cliContext(config, { logger: false });
    await open('xz-2020');
    await open('xz-closed');
    await app.get(CommandBus).execute(new CloseCampaignCommand('xz-closed', systemMeta()));
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("puts each good row into the campaign's agencies and reports each bad row at its line and column", async () => {
    const reported: string[] = [];
    const context = { commands: app!.get(CommandBus), queries: app!.get(QueryBus), meta: systemMeta('import-test') };
    const summary = await importCsv(agencyImport('xz-2020'), file, context, {
      report: (line, p) => reported.push(`line ${line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`),
    });
    expect(summary).toEqual({ rows: 10, added: 3, renamed: 1, unchanged: 2, rejected: 4 });
    expect(reported).toEqual([
      'line 5, column 名称: must not be empty',
      'line 6, column agency_id: must be lower-case letters, digits and hyphens (at most 63) (got "Courts")',
      'line 8, column agency_id: duplicate of line 7 with a different name',
      'line 10: has 1 fields, expected 2',
    ]);
    const { state } = await app!.get(Aggregates).load(streams.campaign('xz-2020'), campaignDecider);
    expect(state.exists && state.definition.agencies).toEqual([
      { id: 'tax', name: '国家税务总局徐州市税务局' }, { id: 'police', name: '市公安局' },
      { id: 'housing', name: '市住房和城乡建设局, 人防办' }, { id: 'market', name: '市市场监管局' }, { id: 'nature', name: '市自然资源和规划局' },
    ]);
  });

  it('changes nothing when run again through the CLI runner, and refuses an unknown or closed campaign as a usage error', async () => {
    await app!.close();
    app = undefined;
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true); // the result, through conventions.ts's say()
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runImport(config, agencyImport('xz-2020'), file, { json: true })).toBe(1);
      expect(JSON.parse(String(out.mock.calls[0][0]))).toEqual({ rows: 10, added: 0, renamed: 0, unchanged: 6, rejected: 4 });
      await expect(runImport(config, agencyImport('xz-1999'), file, { json: true })).rejects.toThrow(UsageError);
      await expect(runImport(config, agencyImport('xz-1999'), file, { json: true })).rejects.toThrow(/campaign xz-1999 not found/);
      await expect(runImport(config, agencyImport('xz-closed'), file, { json: true })).rejects.toThrow(/xz-closed is closed/);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
