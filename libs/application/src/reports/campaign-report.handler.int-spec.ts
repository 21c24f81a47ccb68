/**
 * The headline report across a rebuild's switch, on a real SQLite file: a switch that lands
 * between the report's reads, even at the very same log position, never yields a report mixing
 * the two generations (the old one could have been folded by other code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_QUESTIONS, DEFAULT_SCALE } from '@survey/domain';
import { COLLECTIONS as C, DocChange, ReadModelStore, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { CampaignReportHandler } from './campaign-report.handler';
import { CampaignReportQuery } from './campaign-report.query';

const dir = mkdtempSync(join(tmpdir(), 'report-switch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const campaign = {
  campaignId: 'xz-2019', year: 2019, title: '2019 评议', opensAt: '2019-11-01T00:00:00.000Z', closesAt: '2019-12-31T00:00:00.000Z',
  agencies: [{ id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }],
  questions: DEFAULT_QUESTIONS, scale: DEFAULT_SCALE, closedAt: null, published: null,
};

/** One generation's documents: `k` scales every count, so each generation's figures are its own. */
function docs(k: number): DocChange[] {
  const agency = (agencyId: string, satisfied: number, dissatisfied: number) => ({
    collection: C.agencyStats, id: `xz-2019/${agencyId}`,
    doc: { campaignId: 'xz-2019', agencyId, levels: { satisfied: satisfied * k, dissatisfied: dissatisfied * k }, questions: {} },
  });
  return [
    { collection: C.campaigns, id: 'xz-2019', doc: campaign },
    { collection: C.campaignStats, id: 'xz-2019', doc: { campaignId: 'xz-2019', respondents: 10 * k, levels: { satisfied: 8 * k, dissatisfied: 7 * k }, questions: {} } },
    agency('tax', 6, 1), agency('police', 2, 6 * k), // police's dissatisfied grows faster than k: a mix shows in its rate
  ];
}

describe('CampaignReportHandler across a generation switch', () => {
  it('reads again when the generation served changes between its reads, at the same position', async () => {
    const file = join(dir, 'read-models.db');
    const api = SqliteReadModelStore.open(file);
    const cli = SqliteReadModelStore.open(file);
    try {
      const at = { position: 40, recordedAt: '2019-12-01T00:00:00.000Z' };
      await api.commit(reportsProjection.name, docs(1), at, 0);
      const g = await cli.beginGeneration(reportsProjection.name);
      await cli.commit(reportsProjection.name, docs(3), at, g);

      // The switch lands while the report is between reading the campaign's stats and its agencies.
      let switching: Promise<boolean> | undefined;
      const racing = new Proxy(api, {
        get: (target, key) => {
          const value = Reflect.get(target, key) as (...args: unknown[]) => unknown;
          if (key === 'get') {
            return (collection: string, id: string) => {
              const found = target.get(collection, id); // read before the switch has landed
              if (collection === C.campaignStats) switching ??= cli.switchGeneration(reportsProjection.name, g, reportsProjection.collections);
              return found;
            };
          }
          if (key === 'list') {
            return async (collection: string, prefix?: string) => {
              if (collection === C.agencyStats) await switching;
              return target.list(collection, prefix);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as ReadModelStore;

      const report = await new CampaignReportHandler(racing).execute(new CampaignReportQuery('xz-2019'));
      expect(await switching).toBe(true);
      const settled = await new CampaignReportHandler(api).execute(new CampaignReportQuery('xz-2019'));
      expect(settled.respondents).toBe(30); // generation g's
      expect(report).toEqual(settled);
    } finally {
      await cli.close();
      await api.close();
    }
  });
});
