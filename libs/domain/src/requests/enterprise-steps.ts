/**
 * The enterprise's steps on its request: rating the answer (satisfied closes it, negative sends it
 * back once and escalates it the second time) and withdrawing it before an answer.
 */
import { check, MAX_REASON_CHARACTERS, MAX_TEXT_CHARACTERS, optionalText } from '../text';
import { Conflict, FieldError } from '../errors';
import { levelOf } from '../scale';
import { RateResolution, RequestContext, resolveDaysFor, WithdrawRequest } from './commands';
import { openRequestFor, requireStatus, stampOf } from './common';
import type { RequestEvent } from './events';
import type { RequestState } from './state';

/** One rating per round, after the round's answer and within its seven days. */
export function rate(cmd: RateResolution['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'enterprise');
  requireStatus(s, ['resolved'], 'a request is rated once resolved, once per round');
  const { now, policy, calendar } = context;
  if (Date.parse(s.rateDue!) <= now.getTime()) throw new Conflict(`the rating of request ${s.requestId} closed at ${s.rateDue}`);
  const problems: FieldError[] = [];
  const level = levelOf(policy.scale, cmd.level);
  if (!level) problems.push({ field: 'level', message: `must be one of ${policy.scale.map((l) => l.id).join(', ')}` });
  const comment = optionalText('comment', cmd.comment, MAX_TEXT_CHARACTERS, problems);
  check('invalid rating', problems);
  const at = now.toISOString();
  const key = { requestId: s.requestId, agencyId: s.agencyId! };
  const rated: RequestEvent = { type: 'ResolutionRated', data: { ...key, round: s.round, level: cmd.level, comment, at } };
  if (!level!.negative) {
    return [rated, { type: 'RequestClosed', data: { requestId: s.requestId, outcome: level!.satisfied ? 'satisfied' : 'rated', rating: cmd.level, note: null, at } }];
  }
  if (s.round === 1) {
    const resolve = calendar.withinWorkingDays(now, resolveDaysFor(policy, s.category));
    return [rated, { type: 'RequestReopened', data: { ...key, round: 2, resolveDue: resolve.due, calendar: stampOf(calendar, resolve), at } }];
  }
  return [rated, { type: 'RequestEscalated', data: { ...key, round: s.round, at } }];
}

/** Before an answer: at the centre, dispatched, accepted (round 2 included). */
export function withdraw(cmd: WithdrawRequest['data'], state: RequestState, context: RequestContext): RequestEvent[] {
  const s = openRequestFor(state, cmd.requestId, context, 'enterprise');
  requireStatus(s, ['received', 'returned', 'dispatched', 'accepted'], 'a request is withdrawn before it is resolved');
  const problems: FieldError[] = [];
  const reason = optionalText('reason', cmd.reason, MAX_REASON_CHARACTERS, problems);
  check('invalid withdrawal', problems);
  const at = context.now.toISOString();
  return [
    { type: 'RequestWithdrawn', data: { requestId: s.requestId, reason, at } },
    { type: 'RequestClosed', data: { requestId: s.requestId, outcome: 'withdrawn', rating: null, note: null, at } },
  ];
}
