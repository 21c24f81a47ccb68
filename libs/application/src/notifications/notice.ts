/**
 * A notice: one JSON document the outbox POSTs to the webhook, and the key it is sent under. The
 * body's shape is documented in docs/notifications.md; it is serialised once, when the notice is
 * made, and those bytes are what is signed, sent, parked and sent again on a retry.
 */

export type NoticeKind = 'case-opened' | 'request-dispatched' | 'request-returned' | 'deadline-due' | 'deadline-missed' | 'escalated';

export interface NoticeSubject {
  type: 'case' | 'request';
  id: string;
  /** The case's campaign; null for a request. */
  campaignId: string | null;
  /** The agency the notice concerns; null for a request at the centre (received, returned, its dispatch deadline). */
  agencyId: string | null;
  /** The subject in the API: GET it with a centre's (or its agency's) token. */
  link: string;
}

export interface NoticeBody {
  /** The Idempotency-Key it is sent with: the event's id, or `<eventId>:due-<deadline>` for a reminder. */
  key: string;
  kind: NoticeKind;
  subject: NoticeSubject;
  /** contact | rectify (a case), dispatch | accept | resolve (a request); null when the notice is about no deadline. */
  deadline: string | null;
  due: string | null;
  round: number | null;
  /** The event's `at` (the server time of the step); for a reminder, when it fell due (24 h before `due`). */
  at: string;
  /** The event the notice is about; for a reminder, the one that started the deadline. */
  eventId: string;
  /** Who the case or request is about: a case's only with the enterprise's consent to be contacted, else null. */
  enterprise: { creditCode: string } | null;
  /** The bad review's level (case-opened), the request's category, the return's reason: what the receiver's message says. */
  detail: Record<string, string | null>;
}

export interface Notice {
  key: string;
  /** The body as sent: the exact bytes the signature covers. */
  body: string;
}

export const toNotice = (body: NoticeBody): Notice => ({ key: body.key, body: JSON.stringify(body) });

/** The key of a reminder: the event that started the deadline, and the deadline's name. */
export const reminderKey = (eventId: string, deadline: string): string => `${eventId}:due-${deadline}`;

/** A reminder falls due this long before its deadline: the deadline's last working day (deadlines end at 24:00 of one). */
export const REMIND_BEFORE_MS = 24 * 3600_000;
