/**
 * The `rectification` projection through the projector into real SQLite files: the documents it
 * commits are those of the pure fold, however the log is cut into batches, and a rebuild (what
 * `survey rebuild` runs) gives them again in a generation of its own.
 */
import { recordedLoop } from '../testing/fold-as-stored';
import { sqliteProjectionHarness } from '../testing/sqlite-projection-harness';
import { caseCampaign, on, TAX_CASES_COUNTS, taxCases } from '../testing/rectification-history';
import { caseEvents } from '@survey/domain/testing';
import { OpenCaseDoc, RECTIFICATION as R, RectificationStatsDoc } from './rectification-docs';
import { rectificationProjection } from './rectification.projection';

const { caseOpened, contacted } = caseEvents;
// Two campaigns, three agencies (one named `constructor`), prototype-named cases among them.
const history = recordedLoop([
  caseCampaign('xz-2019'), caseCampaign('constructor'),
  ...taxCases(),
  ...on({ caseId: '__proto__', agencyId: 'constructor' }, caseOpened(), contacted()),
  ...on({ caseId: 'toString', campaignId: 'constructor', agencyId: 'constructor' }, caseOpened()),
  ...on({ campaignId: 'constructor' }, ...taxCases('2019-')),
]);

describe('rectification projection over SQLite', () => {
  const harness = sqliteProjectionHarness(rectificationProjection, history);

  it.each([1000, 3])('commits the documents of the pure fold in batches of %i', async (batchSize) => {
    const readModels = await harness.projected(batchSize);
    expect(await harness.dump(readModels)).toEqual(harness.expected);
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'xz-2019/tax')).toEqual({ campaignId: 'xz-2019', agencyId: 'tax', ...TAX_CASES_COUNTS });
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'constructor/tax')).toEqual({ campaignId: 'constructor', agencyId: 'tax', ...TAX_CASES_COUNTS });
    expect(await readModels.get<RectificationStatsDoc>(R.stats, 'xz-2019/constructor')).toMatchObject({ cases: 1, contacted: 1, contactedOnTime: 1 });
    const open = await readModels.list<OpenCaseDoc>(R.open, 'constructor/');
    expect(open.map((c) => c.caseId).sort()).toEqual(['2019-e', '2019-f', 'toString']);
  });

  it('gives the same documents again when rebuilt', async () => {
    const { outcome, readModels } = await harness.rebuilt();
    expect(outcome).toBe('switched');
    expect(await harness.dump(readModels)).toEqual(harness.expected);
  });
});
