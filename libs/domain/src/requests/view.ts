/**
 * The request as people read it (CLOSED-LOOP.md's request object, and `history` for one request),
 * folded from its stream. The fold (RequestRecord) does not depend on time or viewer; presenting it
 * adds `overdue` for the moment asked and checks that the viewer may see it. A request asks for
 * help and is not anonymous: whoever may see it sees the enterprise.
 */
import type { LoopActor } from '../closed-loop/actor';
import type { DisplayNames, HistoryEntry, WithActor } from '../closed-loop/history';
import { Forbidden, NotFound } from '../errors';
import { requestVisibleTo } from './access';
import { pendingRequestDeadlines } from './deadlines';
import type { RequestChannel, RequestDeadline, RequestEvent, RequestOutcome } from './events';
import { evolveRequest, FiledRequest, initialRequestState, RequestStatus } from './state';

export interface RequestRecord {
  state: FiledRequest;
  title: string;
  description: string;
  channel: RequestChannel;
  receivedAt: string;
  /** The latest answer and rating, with their round. */
  reply: { round: number; text: string; at: string } | null;
  rating: { round: number; level: string; comment: string | null; at: string } | null;
  history: HistoryEntry[];
}

export interface RequestObject {
  requestId: string;
  category: string;
  title: string;
  description: string;
  channel: RequestChannel;
  agencyId: string | null;
  status: RequestStatus;
  round: number;
  receivedAt: string;
  dispatchDue: string | null;
  acceptDue: string | null;
  resolveDue: string | null;
  overdue: RequestDeadline[];
  /** The working days of the extension ask awaiting the centre's decision, null if none: what the centre's queue of asks filters on. */
  extensionAsked: number | null;
  enterprise: { creditCode: string; name: string | null };
  reply: RequestRecord['reply'];
  rating: RequestRecord['rating'];
  outcome: RequestOutcome | null;
}
export type RequestDetail = RequestObject & { history: HistoryEntry[] };

/** Folds one more event into the record (undefined before the request is received); never changes the record given. */
export function foldRequestRecord(record: RequestRecord | undefined, { event, actor }: WithActor<RequestEvent>): RequestRecord | undefined {
  const state = evolveRequest(record?.state ?? initialRequestState(), event);
  if (!state.exists) return record;
  const entry: HistoryEntry = { type: event.type, at: event.data.at, by: actor.role, text: textOf(event) };
  if (event.type === 'RequestReceived') {
    const { title, description, channel, at } = event.data;
    return { state, title, description, channel, receivedAt: at, reply: null, rating: null, history: [entry] };
  }
  if (!record) return record;
  const next: RequestRecord = { ...record, state, history: [...record.history, entry] };
  switch (event.type) {
    case 'RequestResolved':
      return { ...next, reply: { round: event.data.round, text: event.data.reply, at: event.data.at } };
    case 'ResolutionRated': {
      const { round, level, comment, at } = event.data;
      return { ...next, rating: { round, level, comment, at } };
    }
    default:
      return next;
  }
}

export function requestRecordOf(events: WithActor<RequestEvent>[]): RequestRecord | undefined {
  return events.reduce(foldRequestRecord, undefined);
}

/** The request for a viewer at a moment: NotFound for one the viewer may not know of, Forbidden for roles that read none. */
export function presentRequest(record: RequestRecord, viewer: LoopActor, now: Date, names: DisplayNames = {}): RequestDetail {
  const s = record.state;
  if (!requestVisibleTo(s, viewer)) throw new NotFound(`request ${s.requestId} not found`);
  if (!['centre', 'agency', 'enterprise', 'system'].includes(viewer.role)) throw new Forbidden(`${viewer.role} does not read requests`);
  const overdue = pendingRequestDeadlines(s).filter((d) => Date.parse(d.due) <= now.getTime()).map((d) => d.deadline);
  return {
    requestId: s.requestId, category: s.category, title: record.title, description: record.description, channel: record.channel,
    agencyId: s.agencyId, status: s.status, round: s.round, receivedAt: record.receivedAt,
    dispatchDue: s.dispatchDue, acceptDue: s.acceptDue, resolveDue: s.resolveDue, overdue, extensionAsked: s.extensionAsked,
    enterprise: { creditCode: s.creditCode, name: names.enterpriseName ?? null },
    reply: record.reply, rating: record.rating, outcome: s.outcome,
    history: record.history,
  };
}

export function requestListItem(record: RequestRecord, viewer: LoopActor, now: Date, names: DisplayNames = {}): RequestObject {
  const { history: _history, ...item } = presentRequest(record, viewer, now, names);
  return item;
}

function textOf(event: RequestEvent): string | null {
  switch (event.type) {
    case 'RequestReceived':
      return event.data.title;
    case 'RequestReturned':
    case 'RequestExtensionAsked':
    case 'RequestWithdrawn':
      return event.data.reason;
    case 'RequestResolved':
      return event.data.reply;
    case 'ResolutionRated':
      return event.data.comment;
    case 'RequestClosed':
      return event.data.note;
    default:
      return null;
  }
}
