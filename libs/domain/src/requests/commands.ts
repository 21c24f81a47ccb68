/**
 * What may be asked of a request, and what deciding it needs: the clock, the actor, the calendar,
 * the deployment's policy (categories and deadlines), and the answers of other aggregates the
 * application looked up (the enterprise filing, the agency named).
 */
import type { AgencyState } from '../agency';
import type { WorkingDayCalendar } from '../calendar';
import type { LoopActor } from '../closed-loop/actor';
import type { EnterpriseState } from '../enterprise';
import { DEFAULT_SCALE, Scale } from '../scale';
import type { RequestChannel, RequestDeadline } from './events';

type Id = { requestId: string };

/** An enterprise files for itself (no creditCode, no channel); the centre names both. */
export type ReceiveRequest = {
  type: 'ReceiveRequest';
  data: Id & { category: string; title: string; description: string; agencyId?: string | null; creditCode?: string; channel?: string; bodyHash?: string };
};
export type DispatchRequest = { type: 'DispatchRequest'; data: Id & { agencyId: string } };
export type AcceptRequest = { type: 'AcceptRequest'; data: Id };
export type ReturnRequest = { type: 'ReturnRequest'; data: Id & { reason: string } };
export type AskExtension = { type: 'AskExtension'; data: Id & { workingDays: number; reason: string } };
export type DecideExtension = { type: 'DecideExtension'; data: Id & { granted: boolean } };
export type ResolveRequest = { type: 'ResolveRequest'; data: Id & { reply: string } };
export type RateResolution = { type: 'RateResolution'; data: Id & { level: string; comment?: string | null } };
export type WithdrawRequest = { type: 'WithdrawRequest'; data: Id & { reason?: string | null } };
export type CloseEscalatedRequest = { type: 'CloseEscalatedRequest'; data: Id & { note: string } };
/** The scheduler: the seven days to rate passed with no rating. */
export type CloseUnratedRequest = { type: 'CloseUnratedRequest'; data: Id };
/** The scheduler: a deadline (named by its kind and due time) passed with its step not done. */
export type MarkRequestDeadlineMissed = { type: 'MarkRequestDeadlineMissed'; data: Id & { deadline: RequestDeadline; due: string } };

export type RequestCommand =
  | ReceiveRequest | DispatchRequest | AcceptRequest | ReturnRequest | AskExtension | DecideExtension | ResolveRequest | RateResolution
  | WithdrawRequest | CloseEscalatedRequest | CloseUnratedRequest | MarkRequestDeadlineMissed;

export const CENTRE_CHANNELS: readonly RequestChannel[] = ['12345', 'window', 'phone', 'online'];
export const DEFAULT_REQUEST_CATEGORIES: readonly string[] = Object.freeze([
  'consultation', 'approval', 'operations', 'finance', 'land', 'talent', 'contracts', 'legal', 'disturbance',
]);
export const MAX_TITLE_CHARACTERS = 100;

/** Per deployment: the categories offered and the deadlines, in working days unless said otherwise. */
export interface RequestPolicy {
  categories: readonly string[];
  dispatchDays: number;
  /** Counted from the dispatch. */
  acceptDays: number;
  /** Counted from the dispatch (and from a reopening); by category, `default` for the others. */
  resolveDays: { default: number; byCategory: ReadonlyMap<string, number> };
  /** All extensions granted to one request together. */
  maxExtensionDays: number;
  /** Natural days the enterprise has to rate an answer. */
  rateDays: number;
  /** The levels a rating takes; `satisfied` closes, `negative` sends it back. */
  scale: Scale;
}
export const DEFAULT_REQUEST_POLICY: RequestPolicy = Object.freeze({
  categories: DEFAULT_REQUEST_CATEGORIES,
  dispatchDays: 1,
  acceptDays: 1,
  resolveDays: { default: 15, byCategory: new Map([['consultation', 5]]) },
  maxExtensionDays: 30,
  rateDays: 7,
  scale: DEFAULT_SCALE,
});

export const resolveDaysFor = (policy: RequestPolicy, category: string) => policy.resolveDays.byCategory.get(category) ?? policy.resolveDays.default;

export interface RequestContext {
  now: Date;
  actor: LoopActor;
  calendar: WorkingDayCalendar;
  policy: RequestPolicy;
  /** For ReceiveRequest: the filing enterprise as its stream stands. */
  enterprise?: EnterpriseState;
  /** For DispatchRequest, and ReceiveRequest naming an agency: the directory's answer for that agency. */
  agency?: AgencyState;
}
