/** The `progress` projection as a pure fold: invited, responded, per agency and district, and who is pending. */
import { getOwn } from '@survey/domain';
import type { SurveyEvent } from '@survey/domain';
import type { Doc } from '../read-model-store.port';
import { PROGRESS as P, ProgressDoc } from './progress-docs';
import { progressProjection } from './progress.projection';
import {
  acme, globex, initech, invalidated, issued, profileChanged, registered, revised, revoked, submitted, withdrawn,
} from '@survey/domain/testing';
import { recorded } from '@survey/event-store/testing';
import { foldAsStored } from '../testing/fold-as-stored';

const unknown = '91320302000000001X'; // invited, never registered: its district is unknown

const project = (events: SurveyEvent[]): Map<string, Doc> => foldAsStored(progressProjection, recorded(events));

/** Registered (or moved) with a name of its own, in `district`. */
const profile = (creditCode: string, district: string, change = false) => (change ? profileChanged : registered)(creditCode, { name: `企业 ${creditCode.slice(-4)}`, district });
const invitedOn = '2019-11-01T00:00:00.000Z';
const progress = (docs: Map<string, Doc>) => docs.get(`${P.campaigns}|xz-2019`) as ProgressDoc;
const pending = (docs: Map<string, Doc>) => [...docs.keys()].filter((k) => k.startsWith(`${P.pending}|`)).map((k) => k.split('/')[1]).sort();

describe('progress projection', () => {
  const world = [profile(acme, '鼓楼区'), profile(globex, '鼓楼区'), profile(initech, '泉山区'), issued([acme, globex, initech, unknown], invitedOn)];

  it('counts the invited per district, all pending until they rate', () => {
    const docs = project(world);
    expect(progress(docs)).toEqual({
      campaignId: 'xz-2019', invited: 4, responded: 0, respondedWithoutInvitation: 0, agencies: {},
      districts: { 鼓楼区: { invited: 2, responded: 0 }, 泉山区: { invited: 1, responded: 0 }, '': { invited: 1, responded: 0 } },
    });
    expect(pending(docs)).toEqual([acme, globex, initech, unknown].sort());
  });

  it('counts a respondent once however many agencies it rates, and per agency each it rated', () => {
    const docs = project([...world, submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'dissatisfied'), revised(acme, 'tax', 'very_satisfied'), submitted(initech, 'tax', 'satisfied')]);
    expect(progress(docs)).toMatchObject({ invited: 4, responded: 2, agencies: { tax: 2, police: 1 } });
    expect(progress(docs).districts).toEqual({ 鼓楼区: { invited: 2, responded: 1 }, 泉山区: { invited: 1, responded: 1 }, '': { invited: 1, responded: 0 } });
    expect(pending(docs)).toEqual([globex, unknown].sort());
  });

  it('takes a respondent back to pending when its last current evaluation is withdrawn or invalidated', () => {
    const docs = project([...world, submitted(globex, 'tax', 'satisfied'), submitted(globex, 'police', 'satisfied'), withdrawn(globex, 'tax'), invalidated(globex, 'police')]);
    expect(progress(docs)).toMatchObject({ responded: 0, agencies: { tax: 0, police: 0 } });
    expect(pending(docs)).toContain(globex);
  });

  it('drops a revoked invitation from every counter and from the pending list, and counts a response without one apart', () => {
    const docs = project([...world, submitted(acme, 'tax', 'satisfied'), revoked(acme, '2019-11-20T00:00:00.000Z', '企业注销'), revoked(unknown, '2019-11-20T00:00:00.000Z', '企业注销')]);
    expect(progress(docs)).toMatchObject({ invited: 2, responded: 0, respondedWithoutInvitation: 1, agencies: { tax: 0 } });
    expect(progress(docs).districts).toMatchObject({ 鼓楼区: { invited: 1, responded: 0 }, '': { invited: 0, responded: 0 } });
    expect(pending(docs)).toEqual([globex, initech].sort());
  });

  it('keeps the district of the invitation through a profile change, and takes the new one when invited again', () => {
    const moved = project([...world, submitted(globex, 'tax', 'satisfied'), profile(globex, '贾汪区', true)]);
    expect(getOwn(progress(moved).districts, '鼓楼区')).toEqual({ invited: 2, responded: 1 });
    const reissued = project([...world, submitted(globex, 'tax', 'satisfied'), profile(globex, '贾汪区', true), issued([globex], invitedOn)]);
    expect(progress(reissued)).toMatchObject({ invited: 4, responded: 1 });
    expect(progress(reissued).districts).toMatchObject({ 鼓楼区: { invited: 1, responded: 0 }, 贾汪区: { invited: 1, responded: 1 } });
  });

  it('changes nothing when the same codes are issued again unchanged', () => {
    const once = project([...world, submitted(acme, 'tax', 'satisfied')]);
    const twice = project([...world, submitted(acme, 'tax', 'satisfied'), issued([acme, globex, initech, unknown], invitedOn)]);
    expect(twice).toEqual(once);
  });
});
