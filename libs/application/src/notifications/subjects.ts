/**
 * What the outbox knows of each case and request: the subject folded from its events (the domain's
 * own evolve), and the deadlines it waits on, each with the key of its reminder and whether that
 * reminder went out. Folding an event gives the notice it calls for, if any. Pure: the outbox
 * (./outbox.ts) stores a subject as a document after each change, in the same commit as its
 * checkpoint, so after a restart it knows every open deadline and every reminder already sent.
 */
import {
  CaseState, evolveCase, evolveRequest, FiledRequest, initialCaseState, initialRequestState, OpenedCase, pendingCaseDeadlines,
  pendingRequestDeadlines, RectificationEvent, RequestEvent, RequestState,
} from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { NoticeBody, NoticeKind, NoticeSubject, REMIND_BEFORE_MS, reminderKey } from './notice';

export interface TrackedDeadline {
  key: string;
  deadline: string;
  due: string;
  round: number;
  agencyId: string | null;
  /** The event that started it: the reminder's `eventId`. */
  startedBy: string;
  reminded: boolean;
}

export type Subject =
  | { type: 'case'; id: string; state: CaseState; deadlines: TrackedDeadline[] }
  | { type: 'request'; id: string; state: RequestState; deadlines: TrackedDeadline[] };

const CASE_TYPES = new Set<string>([
  'RectificationCaseOpened', 'RectificationRatingRevised', 'EnterpriseContacted', 'RectificationReported', 'FollowUpRated',
  'RectificationReopened', 'RectificationEscalated', 'AppealFiled', 'AppealDecided', 'RectificationDeadlineMissed', 'RectificationCaseClosed',
]);
const REQUEST_TYPES = new Set<string>([
  'RequestReceived', 'RequestDispatched', 'RequestAccepted', 'RequestReturned', 'RequestExtensionAsked', 'RequestExtensionDecided',
  'RequestResolved', 'ResolutionRated', 'RequestReopened', 'RequestEscalated', 'RequestWithdrawn', 'RequestDeadlineMissed', 'RequestClosed',
]);

/** The subject an event belongs to (`case:<caseId>`, `request:<requestId>`), or null for any other event. */
export function subjectOf(event: RecordedEvent): { type: 'case' | 'request'; id: string } | null {
  if (CASE_TYPES.has(event.type)) return { type: 'case', id: (event.data as { caseId: string }).caseId };
  if (REQUEST_TYPES.has(event.type)) return { type: 'request', id: (event.data as { requestId: string }).requestId };
  return null;
}

export const subjectKey = (s: { type: string; id: string }) => `${s.type}:${s.id}`;

export function newSubject(type: 'case' | 'request', id: string): Subject {
  return type === 'case' ? { type, id, state: initialCaseState(), deadlines: [] } : { type, id, state: initialRequestState(), deadlines: [] };
}

/** Whether nothing more can come of the subject: its document can go. */
export function finished(subject: Subject): boolean {
  if (!subject.state.exists) return false;
  return subject.type === 'case' ? subject.state.status === 'closed' : ['closed', 'withdrawn'].includes(subject.state.status);
}

/** The subject after the event, and the notice the event calls for (null for most steps). */
export function foldSubject(subject: Subject, event: RecordedEvent, publicUrl: string): { subject: Subject; notice: NoticeBody | null } {
  const next: Subject = subject.type === 'case'
    ? { ...subject, state: evolveCase(subject.state, event as unknown as RectificationEvent) }
    : { ...subject, state: evolveRequest(subject.state, event as unknown as RequestEvent) };
  next.deadlines = track(subject.deadlines, pending(next), event.id);
  return { subject: next, notice: noticeFor(next, event, publicUrl) };
}

function pending(subject: Subject): Omit<TrackedDeadline, 'key' | 'startedBy' | 'reminded'>[] {
  if (!subject.state.exists) return [];
  if (subject.type === 'case') {
    const { agencyId } = subject.state as OpenedCase;
    return pendingCaseDeadlines(subject.state as OpenedCase).map((d) => ({ ...d, agencyId }));
  }
  return pendingRequestDeadlines(subject.state as FiledRequest);
}

/** A deadline still pending keeps its key and reminder; one that appears is started by this event. */
function track(before: TrackedDeadline[], now: ReturnType<typeof pending>, eventId: string): TrackedDeadline[] {
  return now.map((d) => {
    const same = before.find((b) => b.deadline === d.deadline && b.due === d.due && b.round === d.round);
    return same ?? { ...d, key: reminderKey(eventId, d.deadline), startedBy: eventId, reminded: false };
  });
}

function noticeFor(subject: Subject, event: RecordedEvent, publicUrl: string): NoticeBody | null {
  const kind = KINDS.get(event.type);
  if (!kind || !subject.state.exists) return null;
  const data = event.data as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const base = {
    key: event.id, kind, subject: subjectOfNotice(subject, str(data.agencyId), publicUrl), at: str(data.at) ?? event.metadata.recordedAt,
    eventId: event.id, enterprise: enterpriseOf(subject), deadline: str(data.deadline), due: str(data.due),
    round: typeof data.round === 'number' ? data.round : null,
  };
  switch (event.type) {
    case 'RectificationCaseOpened':
      return { ...base, detail: { level: str(data.level) }, deadline: null, due: null, round: 1 };
    case 'RequestDispatched':
    case 'RequestReturned':
      return { ...base, detail: { category: (subject.state as FiledRequest).category, reason: str(data.reason) } };
    default:
      return { ...base, detail: subject.type === 'request' ? { category: (subject.state as FiledRequest).category } : {} };
  }
}

const KINDS = new Map<string, NoticeKind>([
  ['RectificationCaseOpened', 'case-opened'],
  ['RequestDispatched', 'request-dispatched'],
  ['RequestReturned', 'request-returned'],
  ['RectificationDeadlineMissed', 'deadline-missed'],
  ['RequestDeadlineMissed', 'deadline-missed'],
  ['RectificationEscalated', 'escalated'],
  ['RequestEscalated', 'escalated'],
]);

function subjectOfNotice(subject: Subject, agencyId: string | null, publicUrl: string): NoticeSubject {
  const base = publicUrl.replace(/\/+$/, '');
  if (subject.type === 'case') {
    const state = subject.state as OpenedCase;
    return { type: 'case', id: subject.id, campaignId: state.campaignId, agencyId: state.agencyId, link: `${base}/v1/rectification/cases/${encodeURIComponent(subject.id)}` };
  }
  return { type: 'request', id: subject.id, campaignId: null, agencyId, link: `${base}/v1/requests/${encodeURIComponent(subject.id)}` };
}

/** A request is not anonymous; a case names its enterprise only with consent, whoever the notice is for. */
function enterpriseOf(subject: Subject): { creditCode: string } | null {
  if (!subject.state.exists) return null;
  if (subject.type === 'case') return (subject.state as OpenedCase).contactConsent ? { creditCode: subject.state.creditCode } : null;
  return { creditCode: subject.state.creditCode };
}

/** The reminder notice of a tracked deadline. */
export function reminderNotice(subject: Subject, d: TrackedDeadline, publicUrl: string): NoticeBody {
  return {
    key: d.key, kind: 'deadline-due', subject: subjectOfNotice(subject, d.agencyId, publicUrl), deadline: d.deadline, due: d.due, round: d.round,
    at: remindAt(d), eventId: d.startedBy, enterprise: enterpriseOf(subject),
    detail: subject.type === 'request' && subject.state.exists ? { category: (subject.state as FiledRequest).category } : {},
  };
}

export const remindAt = (d: { due: string }): string => new Date(Date.parse(d.due) - REMIND_BEFORE_MS).toISOString();

/** The reminders to send now: fallen due, not sent, deadline not passed yet (a passed one has its missed notice). */
export function dueReminders(subject: Subject, now: Date): TrackedDeadline[] {
  const t = now.getTime();
  return subject.deadlines.filter((d) => !d.reminded && Date.parse(d.due) - REMIND_BEFORE_MS <= t && t < Date.parse(d.due));
}

/** When the subject's next reminder falls due, or null. */
export function nextReminderAt(subject: Subject, now: Date): number | null {
  const times = subject.deadlines.filter((d) => !d.reminded && Date.parse(d.due) > now.getTime()).map((d) => Date.parse(d.due) - REMIND_BEFORE_MS);
  return times.length ? Math.min(...times) : null;
}
