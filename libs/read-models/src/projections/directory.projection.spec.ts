import type { RecordedEvent } from '@survey/event-store';
import type { Doc, DocAccess } from '../index';
import { DIRECTORY, directoryProjection } from './directory.projection';

const profile = { name: '徐州某某科技有限公司', district: '鼓楼区', industry: 'C', size: 'small' };
let position = 0;
const recordedAs = (type: string, data: object): RecordedEvent =>
  ({ id: `e${++position}`, stream: 's', revision: 0, position, type, data, metadata: {} as RecordedEvent['metadata'] });

function project(events: RecordedEvent[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  const access: DocAccess = {
    get: (c, id) => docs.get(`${c}/${id}`) as never,
    put: (c, id, doc) => void docs.set(`${c}/${id}`, structuredClone(doc)),
    delete: (c, id) => void docs.delete(`${c}/${id}`),
  };
  for (const e of events) directoryProjection.apply(e, access);
  return docs;
}

describe('directory projection', () => {
  const registered = recordedAs('EnterpriseRegistered', { creditCode: 'A', ...profile });
  const moved = recordedAs('EnterpriseProfileChanged', { creditCode: 'A', ...profile, district: '云龙区', size: 'medium' });

  it('keeps each enterprise with its current profile', () => {
    expect(project([registered, recordedAs('EnterpriseRegistered', { creditCode: 'B', ...profile }), moved])).toEqual(new Map([
      [`${DIRECTORY}/A`, { creditCode: 'A', ...profile, district: '云龙区', size: 'medium' }],
      [`${DIRECTORY}/B`, { creditCode: 'B', ...profile }],
    ]));
  });

  it('gives the same documents when events are folded twice (a second runner is harmless)', () => {
    expect(project([registered, moved, registered, moved])).toEqual(project([registered, moved]));
  });

  it('ignores every other event and reads nothing first', () => {
    expect(project([recordedAs('CampaignOpened', { campaignId: 'c' }), recordedAs('InvitationsIssued', { campaignId: 'c', creditCodes: ['A'] })]).size).toBe(0);
    expect(directoryProjection.reads(registered)).toEqual([]);
  });
});
