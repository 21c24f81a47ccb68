/**
 * The `cases` projection: one document per rectification case with what the case folds from (its
 * events, each with the role that took the step) and the fields its queues filter on. Folding the
 * events, rather than storing a folded state, keeps the case's rules in one place (the domain's
 * caseRecordOf) and lets the query present the case for its viewer at the moment asked (what is
 * overdue depends on the time; who gave the review, on the viewer).
 */
import type { RectificationEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { defineProjection } from '../projection';
import type { EventHandler } from '../projection';
import { agencyScope, ALL, enqueue, markDone, QueueEntry } from './queue-index';

export const CASES = 'cases';
/** The cases' queue index (./queue-index.ts): everyone's queue and the case's agency's, open or done. */
export const CASE_QUEUES = 'case-queues';

export interface CaseDoc {
  [key: string]: unknown;
  caseId: string;
  campaignId: string;
  agencyId: string;
  creditCode: string;
  /** The case's events in stream order, as the domain's caseRecordOf folds them. */
  events: { event: RectificationEvent; actor: { role: string } }[];
}

const step: EventHandler<RecordedEvent & RectificationEvent> = {
  reads: (event) => [[CASES, event.data.caseId]],
  apply(event, docs) {
    const entry = { event: { type: event.type, data: event.data } as RectificationEvent, actor: { role: event.metadata.actor.role } };
    if (event.type === 'RectificationCaseOpened') {
      const { caseId, campaignId, agencyId, creditCode } = event.data;
      docs.put(CASES, caseId, { caseId, campaignId, agencyId, creditCode, events: [entry] } satisfies CaseDoc);
      enqueue(docs, CASE_QUEUES, [ALL, agencyScope(agencyId)], queueEntry(event.data));
      return;
    }
    const doc = docs.get<CaseDoc>(CASES, event.data.caseId);
    if (!doc) return; // no case without its opening: nothing to add to
    doc.events.push(entry);
    docs.put(CASES, doc.caseId, doc);
    // A closed case is closed for good (any step on it is refused), so this is its last move.
    if (event.type === 'RectificationCaseClosed') markDone(docs, CASE_QUEUES, [ALL, agencyScope(doc.agencyId)], queueEntry(doc));
  },
};

const queueEntry = ({ caseId, campaignId }: { caseId: string; campaignId: string }): QueueEntry => ({ id: caseId, campaignId });

export const casesProjection = defineProjection({
  name: 'cases',
  collections: [CASES, CASE_QUEUES],
  on: {
    RectificationCaseOpened: step, RectificationRatingRevised: step, EnterpriseContacted: step, RectificationReported: step,
    FollowUpRated: step, RectificationReopened: step, RectificationEscalated: step, AppealFiled: step, AppealDecided: step,
    RectificationDeadlineMissed: step, RectificationCaseClosed: step,
  },
});
