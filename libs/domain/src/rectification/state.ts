/**
 * A rectification case folded from its events: what its next step may be. `evolve` never changes
 * the state it is given.
 */
import { assertNever } from '../decider';
import type { CaseKey, CaseOutcome, ReportKind, RectificationEvent } from './events';

/** open: awaiting a contact; contacted: awaiting the round's report; reported: awaiting a follow-up; escalated: the centre's. */
export type CaseStatus = 'open' | 'contacted' | 'reported' | 'escalated' | 'closed';

export type OpenedCase = CaseKey & {
  exists: true;
  creditCode: string;
  contactConsent: boolean;
  level: string;
  status: CaseStatus;
  round: number;
  contacted: boolean;
  contactDue: string;
  rectifyDue: string;
  /** The current round's report, if any. */
  report: { kind: ReportKind; followUpDue: string } | null;
  /** The current round's follow-up level, if any. */
  followUp: string | null;
  appeal: 'none' | 'pending' | 'rejected' | 'upheld';
  /** `deadline:round` of the deadlines recorded as missed. */
  missed: ReadonlySet<string>;
  /** The log position of the last evaluation event this case followed: older ones are replays. */
  followedUpTo: number;
  outcome: CaseOutcome | null;
};
export type CaseState = { exists: false } | OpenedCase;

export const missedKey = (deadline: string, round: number) => `${deadline}:${round}`;

export const initialCaseState = (): CaseState => ({ exists: false });

export function evolveCase(state: CaseState, event: RectificationEvent): CaseState {
  if (event.type === 'RectificationCaseOpened') {
    const d = event.data;
    return {
      exists: true, caseId: d.caseId, campaignId: d.campaignId, agencyId: d.agencyId, creditCode: d.creditCode,
      contactConsent: d.contactConsent, level: d.level, status: 'open', round: 1, contacted: false,
      contactDue: d.contactDue, rectifyDue: d.rectifyDue, report: null, followUp: null, appeal: 'none',
      missed: new Set(), followedUpTo: d.triggeredBy.position, outcome: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'RectificationRatingRevised':
      return { ...state, level: event.data.level, followedUpTo: event.data.triggeredBy.position };
    case 'EnterpriseContacted':
      return { ...state, contacted: true, status: state.status === 'open' ? 'contacted' : state.status };
    case 'RectificationReported':
      return { ...state, status: 'reported', report: { kind: event.data.kind, followUpDue: event.data.followUpDue } };
    case 'FollowUpRated':
      return { ...state, followUp: event.data.level };
    case 'RectificationReopened':
      return { ...state, status: 'contacted', round: event.data.round, rectifyDue: event.data.rectifyDue, report: null, followUp: null };
    case 'RectificationEscalated':
      return { ...state, status: 'escalated' };
    case 'AppealFiled':
      return { ...state, appeal: 'pending' };
    case 'AppealDecided':
      return { ...state, appeal: event.data.upheld ? 'upheld' : 'rejected' };
    case 'RectificationDeadlineMissed':
      return { ...state, missed: new Set([...state.missed, missedKey(event.data.deadline, event.data.round)]) };
    case 'RectificationCaseClosed':
      return { ...state, status: 'closed', outcome: event.data.outcome };
    default:
      return assertNever(event);
  }
}
