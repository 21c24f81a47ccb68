import { caseRecordOf } from '@survey/domain';
import { acme, caseEvents } from '@survey/domain/testing';
import type { RecordedEvent } from '@survey/event-store';
import type { Doc, DocAccess } from '../index';
import { closedAs, foldAsStored, on, recordedLoop } from '../testing';
import { CASE_QUEUES, CASES, CaseDoc, casesProjection } from './cases.projection';
import { agencyScope, queuePrefix } from './queue-index';

const { caseOpened, contacted, reported, caseId } = caseEvents;

let position = 0;
const by = (role: string, event: { type: string; data: object }): RecordedEvent =>
  ({ id: `e${++position}`, stream: 's', revision: 0, position, ...event, metadata: { actor: { role, sub: 'x' } } as RecordedEvent['metadata'] });

function project(events: RecordedEvent[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  const access: DocAccess = {
    get: (c, id) => docs.get(`${c}/${id}`) as never,
    put: (c, id, doc) => void docs.set(`${c}/${id}`, structuredClone(doc)),
    delete: (c, id) => void docs.delete(`${c}/${id}`),
  };
  for (const e of events) {
    expect(casesProjection.reads(e)).toEqual([[CASES, (e.data as { caseId: string }).caseId]]);
    casesProjection.apply(e, access);
  }
  return docs;
}

describe('cases projection', () => {
  it('keeps each case’s events with the role of each step, so the domain folds the case from it', () => {
    const docs = project([by('system', caseOpened()), by('centre', contacted()), by('agency', reported())]);
    const doc = docs.get(`${CASES}/${caseOpened().data.caseId}`) as CaseDoc;
    expect(doc).toMatchObject({ caseId: caseOpened().data.caseId, campaignId: 'xz-2019', agencyId: 'tax', creditCode: acme });
    expect(doc.events.map((e) => [e.event.type, e.actor.role])).toEqual([['RectificationCaseOpened', 'system'], ['EnterpriseContacted', 'centre'], ['RectificationReported', 'agency']]);
    expect(caseRecordOf(doc.events)?.state.status).toBe('reported');
  });

  it('adds nothing for a case whose opening it never saw', () => expect(project([by('centre', contacted())]).size).toBe(0));

  it('ignores events of other types', () => expect(casesProjection.reads(by('admin', { type: 'CampaignClosed', data: {} }))).toEqual([]));
});

describe('cases projection: the queue index', () => {
  const entries = (events: RecordedEvent[]) =>
    [...foldAsStored(casesProjection, events).keys()].filter((key) => key.startsWith(`${CASE_QUEUES}|`)).map((key) => key.slice(CASE_QUEUES.length + 1)).sort();
  const opening = { agencyId: 'a/b' };

  it('files an opened case in everyone’s open queue and its agency’s, the agency id written with its length', () => {
    const events = recordedLoop(on(opening, caseOpened(), contacted()));
    expect(entries(events)).toEqual([`open/agency:3:a/b/${caseId}`, `open/all/${caseId}`]);
  });

  it('moves a closed case to the done queues', () => {
    const events = recordedLoop(on(opening, caseOpened(), contacted(), closedAs('unreachable', null, caseEvents.local('2019-12-10 10:00'))));
    expect(entries(events)).toEqual([`done/agency:3:a/b/${caseId}`, `done/all/${caseId}`]);
    expect(foldAsStored(casesProjection, events).get(`${CASE_QUEUES}|done/all/${caseId}`)).toEqual({ id: caseId, campaignId: 'xz-2019' });
  });

  it('keeps an agency whose id starts like another’s out of its queue', () => {
    expect(queuePrefix('open', agencyScope('a/b')).startsWith(queuePrefix('open', agencyScope('a')))).toBe(false);
    expect(queuePrefix('open', agencyScope('a')).startsWith(queuePrefix('open', agencyScope('a/b')))).toBe(false);
  });
});
