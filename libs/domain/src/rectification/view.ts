/**
 * The case as people read it (CLOSED-LOOP.md's case object, and `history` for one case), folded from
 * the case's stream. The fold keeps what does not depend on time or viewer (CaseRecord, which a
 * projection may store); presenting it adds `overdue` for the moment asked and applies the privacy
 * rule for the viewer: an agency sees who gave the review only if the enterprise consented.
 */
import type { LoopActor } from '../closed-loop/actor';
import type { DisplayNames, HistoryEntry, WithActor } from '../closed-loop/history';
import { Forbidden, NotFound } from '../errors';
import { caseVisibleTo } from './access';
import { pendingCaseDeadlines } from './deadlines';
import type { CaseDeadline, CaseOutcome, ReportKind, RectificationEvent } from './events';
import { CaseStatus, evolveCase, initialCaseState, OpenedCase } from './state';

export interface CaseRecord {
  state: OpenedCase;
  comment: string | null;
  answers: Record<string, string>;
  openedAt: string;
  /** The latest report, follow-up and appeal, each with its round where it has one: round 2 shows round 1's until its own. */
  report: { round: number; kind: ReportKind; actions: string; at: string } | null;
  followUp: { round: number; level: string; comment: string | null; at: string } | null;
  appeal: { reason: string; at: string; decision: { upheld: boolean; reason: string; at: string } | null } | null;
  history: HistoryEntry[];
}

export interface CaseObject {
  caseId: string;
  campaignId: string;
  agencyId: string;
  agencyName: string | null;
  status: CaseStatus;
  round: number;
  level: string;
  comment: string | null;
  answers: Record<string, string>;
  openedAt: string;
  contactDue: string;
  rectifyDue: string;
  overdue: CaseDeadline[];
  enterprise: { creditCode: string; name: string | null } | null;
  report: CaseRecord['report'];
  followUp: CaseRecord['followUp'];
  appeal: CaseRecord['appeal'];
  outcome: CaseOutcome | null;
}
export type CaseDetail = CaseObject & { history: HistoryEntry[] };

/** Folds one more event into the record (undefined before the opening); never changes the record given. */
export function foldCaseRecord(record: CaseRecord | undefined, { event, actor }: WithActor<RectificationEvent>): CaseRecord | undefined {
  const state = evolveCase(record?.state ?? initialCaseState(), event);
  if (!state.exists) return record;
  const entry: HistoryEntry = { type: event.type, at: event.data.at, by: actor.role, text: textOf(event) };
  if (event.type === 'RectificationCaseOpened') {
    const { comment, answers, at } = event.data;
    return { state, comment, answers, openedAt: at, report: null, followUp: null, appeal: null, history: [entry] };
  }
  if (!record) return record;
  const next: CaseRecord = { ...record, state, history: [...record.history, entry] };
  switch (event.type) {
    case 'RectificationRatingRevised':
      return { ...next, comment: event.data.comment, answers: event.data.answers };
    case 'RectificationReported': {
      const { round, kind, actions, at } = event.data;
      return { ...next, report: { round, kind, actions, at } };
    }
    case 'FollowUpRated': {
      const { round, level, comment, at } = event.data;
      return { ...next, followUp: { round, level, comment, at } };
    }
    case 'AppealFiled':
      return { ...next, appeal: { reason: event.data.reason, at: event.data.at, decision: null } };
    case 'AppealDecided': {
      const { upheld, reason, at } = event.data;
      return { ...next, appeal: record.appeal && { ...record.appeal, decision: { upheld, reason, at } } };
    }
    default:
      return next;
  }
}

export function caseRecordOf(events: WithActor<RectificationEvent>[]): CaseRecord | undefined {
  return events.reduce(foldCaseRecord, undefined);
}

/** Whether the viewer learns who gave the review: the centre, the enterprise itself, and the agency with consent. */
export function mayIdentifyEnterprise(state: OpenedCase, viewer: LoopActor): boolean {
  return viewer.role !== 'agency' || state.contactConsent;
}

/**
 * The case for a viewer at a moment: NotFound for a case the viewer may not know of (another
 * agency's, another enterprise's), Forbidden for a role that reads no cases.
 */
export function presentCase(record: CaseRecord, viewer: LoopActor, now: Date, names: DisplayNames = {}): CaseDetail {
  const s = record.state;
  if (!caseVisibleTo(s, viewer)) throw new NotFound(`rectification case ${s.caseId} not found`);
  if (!['centre', 'agency', 'enterprise', 'system'].includes(viewer.role)) throw new Forbidden(`${viewer.role} does not read rectification cases`);
  const overdue = pendingCaseDeadlines(s).filter((d) => Date.parse(d.due) <= now.getTime()).map((d) => d.deadline);
  return {
    caseId: s.caseId, campaignId: s.campaignId, agencyId: s.agencyId, agencyName: names.agencyName ?? null,
    status: s.status, round: s.round, level: s.level, comment: record.comment, answers: record.answers,
    openedAt: record.openedAt, contactDue: s.contactDue, rectifyDue: s.rectifyDue, overdue,
    enterprise: mayIdentifyEnterprise(s, viewer) ? { creditCode: s.creditCode, name: names.enterpriseName ?? null } : null,
    report: record.report, followUp: record.followUp, appeal: record.appeal, outcome: s.outcome,
    history: record.history,
  };
}

/** The case object of a list: the same without its history. */
export function caseListItem(record: CaseRecord, viewer: LoopActor, now: Date, names: DisplayNames = {}): CaseObject {
  const { history: _history, ...item } = presentCase(record, viewer, now, names);
  return item;
}

function textOf(event: RectificationEvent): string | null {
  switch (event.type) {
    case 'RectificationCaseOpened':
    case 'RectificationRatingRevised':
    case 'FollowUpRated':
      return event.data.comment;
    case 'EnterpriseContacted':
      return event.data.summary;
    case 'RectificationReported':
      return event.data.actions;
    case 'AppealFiled':
    case 'AppealDecided':
      return event.data.reason;
    case 'RectificationCaseClosed':
      return event.data.note;
    default:
      return null;
  }
}
