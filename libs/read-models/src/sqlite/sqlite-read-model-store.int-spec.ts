/** SqliteReadModelStore against real files: the shared contract plus what only a file can show. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { generationsContract } from '../testing/generations.contract';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
  dirs.push(dir);
  return join(dir, 'nested', 'read-models.db');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

readModelStoreContract('SqliteReadModelStore', async () => {
  const store = SqliteReadModelStore.open(tempFile());
  return { store, cleanup: () => store.close() };
});

generationsContract('SqliteReadModelStore', async () => {
  const store = SqliteReadModelStore.open(tempFile());
  return { store, cleanup: () => store.close() };
});

describe('SqliteReadModelStore on a file', () => {
  it('keeps documents and checkpoints across close and reopen', async () => {
    const file = tempFile();
    const first = SqliteReadModelStore.open(file);
    await first.commit('reports', [
      { collection: 'campaign-stats', id: 'xz-2019', doc: { campaignId: 'xz-2019', respondents: 3, levels: { satisfied: 2, dissatisfied: 1 } } },
      { collection: 'agency-stats', id: 'xz-2019/tax', doc: { agencyId: 'tax' } },
      { collection: 'agency-stats', id: 'xz-2019/police', doc: { agencyId: 'police' } },
    ], { position: 42, recordedAt: '2019-12-30T23:59:59.000Z' });
    await first.commit('reports', [{ collection: 'agency-stats', id: 'xz-2019/police', doc: null }], { position: 43, recordedAt: '2019-12-31T00:00:00.000Z' });
    await first.close();
    await first.close(); // closing twice is harmless

    const again = SqliteReadModelStore.open(file);
    try {
      expect(await again.get('campaign-stats', 'xz-2019')).toEqual({ campaignId: 'xz-2019', respondents: 3, levels: { satisfied: 2, dissatisfied: 1 } });
      expect(await again.list('agency-stats', 'xz-2019/')).toEqual([{ agencyId: 'tax' }]);
      expect(await again.checkpoint('reports')).toEqual({ position: 43, recordedAt: '2019-12-31T00:00:00.000Z' });
    } finally {
      await again.close();
    }
  });
});
