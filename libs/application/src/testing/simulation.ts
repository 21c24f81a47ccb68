/**
 * Plays a generated World (./prototype-names.ts) through the deciders, as the command handlers
 * would, and checks every decision against a model kept with Maps: which event (or which refusal)
 * each command must give. Returns the log so produced and the model's final state, from which the
 * property test counts what every report must show.
 */
import {
  BallotCommand, ballotDecider, BallotState, campaignDecider, CampaignState, DomainError, EnterpriseProfile,
  invitationDecider, InvitationsState, Segment, SurveyEvent,
} from '@survey/domain';
import { creditCode, profileChanged, registered } from '@survey/domain/testing';
import { CampaignSpec, picked, World } from './prototype-names';

/** Every decision is made at this time, inside every campaign's window. */
export const NOW = new Date('2020-06-01T00:00:00.000Z');

/** The code of the world's n-th enterprise (from 0). */
export const codeOf = (n: number) => creditCode(n + 1);

/** A current evaluation as the model keeps it. */
export interface Current {
  campaignId: string;
  creditCode: string;
  agencyId: string;
  rating: string;
  /** Sorted by question id, as the decider sorts them. */
  answers: [string, string][];
  comment: string | null;
  segment: Segment;
}

export interface Model {
  campaigns: CampaignSpec[];
  /** JSON.stringify([campaignId, creditCode, agencyId]) → its current evaluation. */
  current: Map<string, Current>;
  /** credit code → the profile it has now. */
  profiles: Map<string, EnterpriseProfile>;
  /** campaign id → credit code → the district it had when invited (revoked ones removed). */
  invited: Map<string, Map<string, string>>;
}

type Outcome = string; // an event type, `none`, or a refusal's error class name

export function simulate(world: World): { events: SurveyEvent[]; model: Model } {
  const events: SurveyEvent[] = [];
  const model: Model = { campaigns: world.campaigns, current: new Map(), profiles: new Map(), invited: new Map() };
  const campaigns = new Map<string, CampaignState>();
  for (const c of world.campaigns) {
    const data = { campaignId: c.id, year: c.year, title: c.id, opensAt: '2019-01-01T00:00:00.000Z', closesAt: '2030-01-01T00:00:00.000Z', agencies: c.agencies.map((id) => ({ id, name: `name of ${id}` })), questions: c.questions.map((id) => ({ id, text: `text of ${id}` })), scale: c.scale };
    const opened = campaignDecider.decide({ type: 'OpenCampaign', data }, campaignDecider.initialState(), { now: NOW });
    events.push(...opened);
    campaigns.set(c.id, opened.reduce(campaignDecider.evolve, campaignDecider.initialState()));
  }
  const codes = world.enterprises.map((_, i) => codeOf(i));
  world.enterprises.forEach((profile, i) => {
    events.push(registered(codes[i], profile));
    model.profiles.set(codes[i], profile);
  });
  const invitations = new Map<string, InvitationsState>();
  world.campaigns.forEach((c, ci) => {
    const creditCodes = codes.filter((_, e) => world.invited[ci][e]);
    const state = invitationDecider.initialState();
    const issued = invitationDecider.decide({ type: 'IssueInvitations', data: { campaignId: c.id, creditCodes, graceDays: 7 } }, state, { now: NOW, campaign: campaigns.get(c.id)! });
    events.push(...issued);
    invitations.set(c.id, issued.reduce(invitationDecider.evolve, state));
    model.invited.set(c.id, new Map(creditCodes.map((code) => [code, model.profiles.get(code)!.district])));
  });

  const ballots = new Map<string, BallotState>();
  for (const action of world.actions) {
    if (action.kind === 'move') {
      const code = codes[action.enterprise % codes.length];
      events.push(profileChanged(code, action.profile));
      model.profiles.set(code, action.profile);
      continue;
    }
    const campaign = world.campaigns[action.campaign % world.campaigns.length];
    const creditCode = codes[action.enterprise % codes.length];
    if (action.kind === 'revoke') {
      const state = invitations.get(campaign.id)!;
      const invitees = model.invited.get(campaign.id)!;
      const expected = invitees.has(creditCode) ? 'InvitationRevoked' : state.invitations.has(creditCode) ? 'Conflict' : 'NotFound';
      const decided = decision(() => invitationDecider.decide({ type: 'RevokeInvitation', data: { campaignId: campaign.id, creditCode, reason: 'moved away' } }, state, { now: NOW, campaign: campaigns.get(campaign.id)! }));
      expect({ action, outcome: decided.outcome }).toEqual({ action, outcome: expected });
      invitations.set(campaign.id, decided.events.reduce(invitationDecider.evolve, state));
      events.push(...decided.events);
      invitees.delete(creditCode);
      continue;
    }
    const streamKey = JSON.stringify([campaign.id, creditCode]);
    const state = ballots.get(streamKey) ?? ballotDecider.initialState();
    const command = commandOf(action, campaign, creditCode);
    const enterprise = { registered: true as const, creditCode, profile: model.profiles.get(creditCode)! };
    const decided = decision(() => ballotDecider.decide(command, state, { campaign: campaigns.get(campaign.id)!, enterprise, now: NOW }));
    const expected = expectedOutcome(model, command, campaign);
    expect({ command, outcome: decided.outcome }).toEqual({ command, outcome: expected.outcome });
    if (expected.event) expect(JSON.stringify(decided.events[0].data)).toBe(JSON.stringify(expected.event));
    ballots.set(streamKey, decided.events.reduce(ballotDecider.evolve, state));
    events.push(...decided.events);
    applyToModel(model, command, expected.outcome);
  }
  return { events, model };
}

function decision<E extends SurveyEvent>(decide: () => E[]): { outcome: Outcome; events: E[] } {
  try {
    const events = decide();
    return { outcome: events.length ? events[0].type : 'none', events };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { outcome: error.constructor.name, events: [] };
  }
}

function commandOf(action: Extract<World['actions'][number], { agency: unknown }>, campaign: CampaignSpec, creditCode: string): BallotCommand {
  const key = { campaignId: campaign.id, creditCode, agencyId: picked(action.agency, campaign.agencies) };
  if (action.kind !== 'submit') {
    return action.kind === 'withdraw' ? { type: 'WithdrawEvaluation', data: key } : { type: 'InvalidateEvaluation', data: { ...key, reason: 'a duplicate ballot' } };
  }
  const levels = campaign.scale.map((l) => l.id);
  // As JSON.parse would give a request's answers: own properties, a later one for the same question winning.
  const answers = Object.fromEntries(action.answers.map(([q, l]) => [picked(q, campaign.questions), picked(l, levels)]));
  return { type: 'SubmitEvaluation', data: { ...key, rating: picked(action.rating, levels), answers, comment: action.comment } };
}

function expectedOutcome(model: Model, command: BallotCommand, campaign: CampaignSpec): { outcome: Outcome; event?: unknown } {
  const { campaignId, creditCode, agencyId } = command.data;
  if (!campaign.agencies.includes(agencyId)) return { outcome: 'NotFound' };
  const current = model.current.get(JSON.stringify([campaignId, creditCode, agencyId]));
  if (command.type !== 'SubmitEvaluation') return { outcome: current ? (command.type === 'WithdrawEvaluation' ? 'EvaluationWithdrawn' : 'EvaluationInvalidated') : 'NotFound' };
  const levels = new Set(campaign.scale.map((l) => l.id));
  const answers = Object.entries(command.data.answers).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!levels.has(command.data.rating) || answers.some(([q, l]) => !campaign.questions.includes(q) || !levels.has(l))) return { outcome: 'Invalid' };
  const comment = command.data.comment?.trim() ? command.data.comment : null;
  if (current && current.rating === command.data.rating && current.comment === comment && JSON.stringify(current.answers) === JSON.stringify(answers)) return { outcome: 'none' };
  const { district, industry, size } = model.profiles.get(creditCode)!;
  const event = { campaignId, creditCode, agencyId, rating: command.data.rating, answers: Object.fromEntries(answers), comment, district, industry, size };
  return { outcome: current ? 'EvaluationRevised' : 'EvaluationSubmitted', event };
}

function applyToModel(model: Model, command: BallotCommand, outcome: Outcome): void {
  const { campaignId, creditCode, agencyId } = command.data;
  const key = JSON.stringify([campaignId, creditCode, agencyId]);
  if (outcome === 'EvaluationWithdrawn' || outcome === 'EvaluationInvalidated') model.current.delete(key);
  if ((outcome === 'EvaluationSubmitted' || outcome === 'EvaluationRevised') && command.type === 'SubmitEvaluation') {
    const { district, industry, size } = model.profiles.get(creditCode)!;
    const answers = Object.entries(command.data.answers).sort(([a], [b]) => (a < b ? -1 : 1));
    const comment = command.data.comment?.trim() ? command.data.comment : null;
    model.current.set(key, { campaignId, creditCode, agencyId, rating: command.data.rating, answers, comment, segment: { district, industry, size } });
  }
}
