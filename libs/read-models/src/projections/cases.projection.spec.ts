import { caseRecordOf } from '@survey/domain';
import { acme, caseEvents } from '@survey/domain/testing';

const { caseOpened, contacted, reported } = caseEvents;
import type { RecordedEvent } from '@survey/event-store';
import type { Doc, DocAccess } from '../index';
import { CASES, CaseDoc, casesProjection } from './cases.projection';

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
