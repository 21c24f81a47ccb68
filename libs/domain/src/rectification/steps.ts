/**
 * The steps people take on a case: the contact (回访), the agency's report, the enterprise's
 * follow-up (追评), the agency's appeal and the centre's decision, the centre's closing. Checks come
 * in the order a caller should hear of them: the case (404), the role (403), the case's state
 * (409), the content (400).
 */
import { characterCount, requiredText, optionalText, oneOf, check, MAX_REASON_CHARACTERS, MAX_TEXT_CHARACTERS, requiredReason } from '../text';
import { Conflict, FieldError } from '../errors';
import { levelOf } from '../scale';
import { authorizeCaseStep, CaseStep } from './access';
import {
  CaseContext, CENTRE_OUTCOMES, CONTACT_CHANNELS, DecideAppeal, FileAppeal, RateFollowUp, RecordContact, REPORT_KINDS, ReportRectification,
} from './commands';
import type { CaseKey, CaseOutcome, RectificationEvent } from './events';
import type { CaseState, OpenedCase } from './state';
import { withinNaturalDays } from '../calendar';

/** What an upheld appeal writes on the ballot's EvaluationInvalidated, whose reason holds 500 characters. */
export const APPEAL_UPHELD_PREFIX = 'appeal upheld: ';
export const MAX_APPEAL_DECISION_REASON = MAX_REASON_CHARACTERS - characterCount(APPEAL_UPHELD_PREFIX);
export const appealInvalidationReason = (decisionReason: string) => `${APPEAL_UPHELD_PREFIX}${decisionReason.trim()}`;

export const keyOf = (s: OpenedCase): CaseKey => ({ caseId: s.caseId, campaignId: s.campaignId, agencyId: s.agencyId });

export function closedBy(s: OpenedCase, outcome: CaseOutcome, followUp: string | null, note: string | null, { now }: CaseContext): RectificationEvent {
  return { type: 'RectificationCaseClosed', data: { ...keyOf(s), outcome, followUp, note, at: now.toISOString() } };
}

/** A person's step: the case must exist for them, their role must be allowed, and the case open. */
export function openCaseFor(state: CaseState, caseId: string, { actor }: CaseContext, step: CaseStep): OpenedCase {
  const s = authorizeCaseStep(state, caseId, actor, step);
  if (s.status === 'closed') throw new Conflict(`rectification case ${caseId} is closed (${s.outcome})`);
  return s;
}

/** Any number of contacts may be recorded while the case is open; the first one makes it `contacted`. */
export function recordContact(cmd: RecordContact['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'contact');
  const problems: FieldError[] = [];
  const channel = oneOf('channel', cmd.channel, CONTACT_CHANNELS, problems);
  const summary = requiredText('summary', cmd.summary, MAX_TEXT_CHARACTERS, problems);
  check('invalid contact', problems);
  return [{ type: 'EnterpriseContacted', data: { ...keyOf(s), channel, summary, at: context.now.toISOString() } }];
}

/** One report per round, after a contact; it starts the enterprise's seven days to follow up. */
export function report(cmd: ReportRectification['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'report');
  if (s.status === 'open') throw new Conflict(`case ${s.caseId} has no recorded contact yet: contact the enterprise before reporting`);
  if (s.status === 'reported') throw new Conflict(`case ${s.caseId} was already reported in round ${s.round}`);
  if (s.status === 'escalated') throw new Conflict(`case ${s.caseId} was escalated to the service centre`);
  const problems: FieldError[] = [];
  const kind = oneOf('kind', cmd.kind, REPORT_KINDS, problems);
  const actions = requiredText('actions', cmd.actions, MAX_TEXT_CHARACTERS, problems);
  check('invalid report', problems);
  const followUpDue = withinNaturalDays(context.now, context.policy.followUpDays);
  return [{ type: 'RectificationReported', data: { ...keyOf(s), round: s.round, kind, actions, followUpDue, at: context.now.toISOString() } }];
}

/**
 * One follow-up per round, after the round's report and within its seven days. Not negative: closed
 * by the report's kind; negative in round 1: round 2 with a new rectify deadline; negative in
 * round 2: escalated to the centre.
 */
export function rateFollowUp(cmd: RateFollowUp['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'follow-up');
  if (s.followUp !== null) throw new Conflict(`case ${s.caseId} already has its follow-up for round ${s.round}`);
  if (s.status !== 'reported' || !s.report) throw new Conflict(`case ${s.caseId} has no report to follow up in round ${s.round} yet`);
  if (Date.parse(s.report.followUpDue) <= context.now.getTime()) throw new Conflict(`the follow-up of case ${s.caseId} closed at ${s.report.followUpDue}`);
  const problems: FieldError[] = [];
  const level = levelOf(context.scale, cmd.level);
  if (!level) problems.push({ field: 'level', message: `must be one of ${context.scale.map((l) => l.id).join(', ')}` });
  const comment = optionalText('comment', cmd.comment, MAX_TEXT_CHARACTERS, problems);
  check('invalid follow-up', problems);
  const at = context.now.toISOString();
  const rated: RectificationEvent = { type: 'FollowUpRated', data: { ...keyOf(s), round: s.round, level: cmd.level, comment, at } };
  if (!level!.negative) return [rated, closedBy(s, s.report.kind === 'rectified' ? 'rectified' : 'explained', cmd.level, null, context)];
  if (s.round === 1) {
    const rectify = context.calendar.withinWorkingDays(context.now, context.policy.rectifyDays);
    const calendar = { ...context.calendar.stamp, calendarCovered: rectify.calendarCovered };
    return [rated, { type: 'RectificationReopened', data: { ...keyOf(s), round: 2, rectifyDue: rectify.due, calendar, at } }];
  }
  return [rated, { type: 'RectificationEscalated', data: { ...keyOf(s), round: s.round, at } }];
}

/** Once per case, any time while it is open. */
export function fileAppeal(cmd: FileAppeal['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'appeal');
  if (s.appeal !== 'none') throw new Conflict(`case ${s.caseId} was already appealed (an appeal is allowed once per case)`);
  const problems: FieldError[] = [];
  const reason = requiredReason(cmd.reason, problems);
  check('invalid appeal', problems);
  return [{ type: 'AppealFiled', data: { ...keyOf(s), reason, at: context.now.toISOString() } }];
}

/**
 * Upheld: the case closes `appeal-upheld` with the decision's reason as note; the application then
 * invalidates the evaluation on the ballot (appealInvalidationReason), through the auditor's path.
 */
export function decideAppeal(cmd: DecideAppeal['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'decide-appeal');
  if (s.appeal !== 'pending') throw new Conflict(`case ${s.caseId} has no appeal pending`);
  const problems: FieldError[] = [];
  if (typeof cmd.upheld !== 'boolean') problems.push({ field: 'upheld', message: 'must be true or false' });
  const reason = requiredText('reason', cmd.reason, MAX_APPEAL_DECISION_REASON, problems);
  check('invalid appeal decision', problems);
  const decided: RectificationEvent = { type: 'AppealDecided', data: { ...keyOf(s), upheld: cmd.upheld, reason, at: context.now.toISOString() } };
  return cmd.upheld ? [decided, closedBy(s, 'appeal-upheld', s.followUp, reason, context)] : [decided];
}

/** The centre closes any open case, escalated ones included, with a note. */
export function closeCase(cmd: { caseId: string; outcome: string; note: string }, state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = openCaseFor(state, cmd.caseId, context, 'close');
  const problems: FieldError[] = [];
  const outcome = oneOf('outcome', cmd.outcome, CENTRE_OUTCOMES, problems);
  const note = requiredText('note', cmd.note, MAX_TEXT_CHARACTERS, problems);
  check('invalid closing', problems);
  return [closedBy(s, outcome, s.followUp, note, context)];
}
