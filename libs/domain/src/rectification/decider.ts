/**
 * The rectification case decider (差评整改): one case per bad review, from opening to closing.
 * The steps people take are in ./steps.ts, the reactor's and the scheduler's here. Commands of the
 * reactor and the scheduler are idempotent (a replay or a second process decides nothing new);
 * any person's step on a closed case is a Conflict.
 */
import { assertNever, Decider } from '../decider';
import { Conflict, Invalid } from '../errors';
import { levelOf } from '../scale';
import { authorizeCaseStep, requireRole } from './access';
import type { CaseCommand, CaseContext, FollowRating, MarkCaseDeadlineMissed, OpenCase } from './commands';
import { followUpDue, missedCaseDeadlines, pendingCaseDeadlines } from './deadlines';
import type { RectificationEvent } from './events';
import { CaseState, evolveCase, initialCaseState, missedKey } from './state';
import { closeCase, closedBy, decideAppeal, fileAppeal, keyOf, rateFollowUp, recordContact, report } from './steps';

export const rectificationDecider: Decider<CaseCommand, RectificationEvent, CaseState, CaseContext> = {
  initialState: initialCaseState,
  evolve: evolveCase,

  decide(command, state, context) {
    switch (command.type) {
      case 'OpenCase':
        return open(command.data, state, context);
      case 'FollowRating':
        return followRating(command.data, state, context);
      case 'MarkCaseDeadlineMissed':
        return markMissed(command.data, state, context);
      case 'CloseWithoutFollowUp': {
        const s = authorizeCaseStep(state, command.data.caseId, context.actor, 'system');
        const due = followUpDue(s);
        if (due === null) return [];
        if (Date.parse(due) > context.now.getTime()) throw new Conflict(`the follow-up of case ${s.caseId} is open until ${due}`);
        return [closedBy(s, s.report!.kind === 'rectified' ? 'rectified' : 'explained', null, null, context)];
      }
      case 'RecordContact':
        return recordContact(command.data, state, context);
      case 'ReportRectification':
        return report(command.data, state, context);
      case 'RateFollowUp':
        return rateFollowUp(command.data, state, context);
      case 'FileAppeal':
        return fileAppeal(command.data, state, context);
      case 'DecideAppeal':
        return decideAppeal(command.data, state, context);
      case 'CloseCase':
        return closeCase(command.data, state, context);
      default:
        return assertNever(command);
    }
  },
};

/** Opened once: a replay of the same bad review decides nothing. Deadlines count from the review. */
function open(cmd: OpenCase['data'], state: CaseState, { actor, now, calendar, policy, scale }: CaseContext): RectificationEvent[] {
  requireRole(actor, 'system');
  if (state.exists) return [];
  if (!levelOf(scale, cmd.level)?.negative) {
    throw Invalid.because('not a bad review', [{ field: 'level', message: `${cmd.level} is not a negative level of the campaign’s scale` }]);
  }
  const reviewedAt = new Date(cmd.reviewedAt);
  const contact = calendar.withinWorkingDays(reviewedAt, policy.contactDays);
  const rectify = calendar.withinWorkingDays(reviewedAt, policy.rectifyDays);
  const calendarCovered = contact.calendarCovered && rectify.calendarCovered;
  return [{
    type: 'RectificationCaseOpened',
    data: {
      caseId: cmd.caseId, campaignId: cmd.campaignId, agencyId: cmd.agencyId, creditCode: cmd.creditCode, level: cmd.level, comment: cmd.comment,
      answers: { ...cmd.answers }, contactConsent: cmd.contactConsent, triggeredBy: { eventId: cmd.triggeredBy.eventId, position: cmd.triggeredBy.position },
      reviewedAt: new Date(cmd.reviewedAt).toISOString(),
      contactDue: contact.due, rectifyDue: rectify.due, calendar: { ...calendar.stamp, calendarCovered }, at: now.toISOString(),
    },
  }];
}

/** The evaluation changed: a negative revision is recorded, anything else closes the case. */
function followRating(cmd: FollowRating['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = authorizeCaseStep(state, cmd.caseId, context.actor, 'system');
  if (s.status === 'closed' || cmd.triggeredBy.position <= s.followedUpTo) return [];
  const at = context.now.toISOString();
  switch (cmd.change) {
    case 'revised':
      if (levelOf(context.scale, cmd.level)?.negative) {
        const { level, comment, answers, triggeredBy } = cmd;
        return [{ type: 'RectificationRatingRevised', data: { ...keyOf(s), level, comment, answers: { ...answers }, triggeredBy: { ...triggeredBy }, at } }];
      }
      return [closedBy(s, 'rating-improved', null, null, context)];
    case 'withdrawn':
      return [closedBy(s, 'rating-withdrawn', null, null, context)];
    case 'invalidated':
      return [closedBy(s, 'rating-invalidated', null, null, context)];
    default:
      return assertNever(cmd);
  }
}

/** At most once per deadline and round; too early is a Conflict, already met or recorded is nothing. */
function markMissed(cmd: MarkCaseDeadlineMissed['data'], state: CaseState, context: CaseContext): RectificationEvent[] {
  const s = authorizeCaseStep(state, cmd.caseId, context.actor, 'system');
  const same = (d: { deadline: string; round: number }) => d.deadline === cmd.deadline && d.round === cmd.round;
  const missed = missedCaseDeadlines(s, context.now).find(same);
  if (missed) return [{ type: 'RectificationDeadlineMissed', data: { ...keyOf(s), ...missed, at: context.now.toISOString() } }];
  const waiting = pendingCaseDeadlines(s).find(same);
  if (waiting && !s.missed.has(missedKey(cmd.deadline, cmd.round))) {
    throw new Conflict(`the ${cmd.deadline} deadline of case ${s.caseId} (round ${cmd.round}) is not due until ${waiting.due}`);
  }
  return [];
}
