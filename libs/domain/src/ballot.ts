/**
 * Ballot aggregate: one enterprise's evaluations in one campaign (stream `ballot-{campaignId}-{code}`).
 * Submitting where no evaluation is current is a first submission; submitting again revises,
 * or changes nothing when the content is the same. The campaign and the enterprise are read
 * models of other aggregates, passed in as context together with the clock.
 */
import { CampaignState, campaignPhase } from './campaign-state';
import { assertNever, Decider } from './decider';
import { Conflict, FieldError, Forbidden, NotFound } from './errors';
import type { BallotEvent, Rating } from './events';
import type { EnterpriseState } from './enterprise';
import { levelOf, Scale } from './scale';
import { check, MAX_TEXT_CHARACTERS, optionalText, requiredReason } from './text';

type BallotKey = { campaignId: string; creditCode: string };
export type SubmitEvaluation = { type: 'SubmitEvaluation'; data: BallotKey & Rating };
export type WithdrawEvaluation = { type: 'WithdrawEvaluation'; data: BallotKey & { agencyId: string } };
/** An auditor's correction: the rating leaves every figure, the history keeps it, the enterprise sees why. */
export type InvalidateEvaluation = { type: 'InvalidateEvaluation'; data: BallotKey & { agencyId: string; reason: string } };
export type BallotCommand = SubmitEvaluation | WithdrawEvaluation | InvalidateEvaluation;

/** Current evaluations by agency id (a Map: an agency id may spell `constructor`). Never mutated: a new Map per event. */
export type BallotState = { current: ReadonlyMap<string, Rating> };
export type BallotContext = { campaign: CampaignState; enterprise: EnterpriseState; now: Date };

export const ballotDecider: Decider<BallotCommand, BallotEvent, BallotState, BallotContext> = {
  initialState: () => ({ current: new Map() }),

  evolve(state, event) {
    switch (event.type) {
      case 'EvaluationSubmitted':
      case 'EvaluationRevised': {
        // A copy, not the state in hand: Aggregates caches states, and two loads may fold the same one.
        const { agencyId, rating, answers, comment, contactConsent } = event.data;
        const current = contactConsent ? { agencyId, rating, answers, comment, contactConsent } : { agencyId, rating, answers, comment };
        return { current: new Map(state.current).set(agencyId, current) };
      }
      case 'EvaluationWithdrawn':
      case 'EvaluationInvalidated': {
        const current = new Map(state.current);
        current.delete(event.data.agencyId);
        return { current };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state, context) {
    switch (command.type) {
      case 'SubmitEvaluation': {
        const { campaignId, creditCode, agencyId } = command.data;
        const { segment, campaign } = admissible(command.data, context);
        const rating = validRating(command.data, campaign);
        const before = state.current.get(agencyId);
        if (before && sameRating(before, rating)) return [];
        const data = { campaignId, creditCode, ...rating, ...segment };
        return [{ type: before ? 'EvaluationRevised' : 'EvaluationSubmitted', data }];
      }
      case 'WithdrawEvaluation': {
        const { campaignId, creditCode, agencyId } = command.data;
        admissible(command.data, context);
        if (!state.current.has(agencyId)) throw new NotFound(`no current evaluation of agency ${agencyId} to withdraw`);
        return [{ type: 'EvaluationWithdrawn', data: { campaignId, creditCode, agencyId } }];
      }
      case 'InvalidateEvaluation':
        return invalidate(command.data, state, context);
      default:
        return assertNever(command);
    }
  },
};

/**
 * Allowed in every phase, published included (that is when a correction matters most), but only
 * of a current evaluation: nothing current (never rated, withdrawn, or already invalidated) is a
 * 404, as for a withdrawal, so invalidating twice records nothing twice.
 */
function invalidate(cmd: InvalidateEvaluation['data'], state: BallotState, { campaign }: BallotContext): BallotEvent[] {
  const { campaignId, creditCode, agencyId } = cmd;
  if (!campaign.exists) throw new NotFound(`campaign ${campaignId} not found`);
  if (!campaign.definition.agencies.some((a) => a.id === agencyId)) {
    throw new NotFound(`agency ${agencyId} is not in the scope of campaign ${campaignId}`);
  }
  const problems: FieldError[] = [];
  const reason = requiredReason(cmd.reason, problems, 'verbatim');
  check('invalid invalidation', problems);
  if (!state.current.has(agencyId)) throw new NotFound(`enterprise ${creditCode} has no current evaluation of agency ${agencyId} to invalidate`);
  return [{ type: 'EvaluationInvalidated', data: { campaignId, creditCode, agencyId, reason } }];
}

/** The rules every ballot command shares, in the order a user should hear about them. */
function admissible(cmd: BallotKey & { agencyId: string }, { campaign, enterprise, now }: BallotContext) {
  if (!campaign.exists) throw new NotFound(`campaign ${cmd.campaignId} not found`);
  const definition = campaign.definition;
  if (!definition.agencies.some((a) => a.id === cmd.agencyId)) {
    throw new NotFound(`agency ${cmd.agencyId} is not in the scope of campaign ${cmd.campaignId}`);
  }
  if (!enterprise.registered) throw new Forbidden(`enterprise ${cmd.creditCode} is not registered: ask the service centre to register it`);
  const phase = campaignPhase(campaign, now);
  if (phase !== 'open') throw new Conflict(`campaign ${cmd.campaignId} is ${phase}: evaluations are accepted only while it is open`);
  const { district, industry, size } = enterprise.profile;
  return { campaign: definition, segment: { district, industry, size } };
}

function validRating(r: Rating, campaign: { scale: Scale; questions: { id: string }[] }): Rating {
  const problems: FieldError[] = [];
  const scaleIds = campaign.scale.map((l) => l.id).join(', ');
  if (!levelOf(campaign.scale, r.rating)) problems.push({ field: 'rating', message: `must be one of ${scaleIds}` });
  // Own entries only, and a question looked up in the campaign's list: a key is any text the
  // request sent (`constructor`, `toString`…), never a property of some object of ours.
  const answers = Object.entries(r.answers ?? {});
  for (const [question, level] of answers) {
    if (!campaign.questions.some((q) => q.id === question)) {
      problems.push({ field: `answers.${question}`, message: `not a question of this campaign (${campaign.questions.map((q) => q.id).join(', ')})` });
    } else if (!levelOf(campaign.scale, level)) {
      problems.push({ field: `answers.${question}`, message: `must be one of ${scaleIds}` });
    }
  }
  const comment = optionalText('comment', r.comment, MAX_TEXT_CHARACTERS, problems, 'verbatim');
  check('invalid evaluation', problems);
  const rating = { agencyId: r.agencyId, rating: r.rating, answers: sortedAnswers(answers), comment };
  return r.contactConsent === true ? { ...rating, contactConsent: true } : rating;
}

/** The answers as the event's JSON object, keys sorted; Object.fromEntries defines own properties, `__proto__` included. */
function sortedAnswers(answers: [string, string][]): Rating['answers'] {
  return Object.fromEntries([...answers].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sameRating(a: Rating, b: Rating): boolean {
  return a.rating === b.rating && a.comment === b.comment && JSON.stringify(a.answers) === JSON.stringify(b.answers) &&
    (a.contactConsent === true) === (b.contactConsent === true);
}
