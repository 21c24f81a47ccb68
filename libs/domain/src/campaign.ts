/**
 * Campaign aggregate (评议活动): opened with its agencies, questions and scale; changed while
 * scheduled or open (campaign-changes.ts); closed by an admin or by the clock; published once
 * closed. Pure: the clock arrives as `now`. The state and its fold are in campaign-state.ts.
 */
import { CampaignChange, decideChange } from './campaign-changes';
import { CampaignDefinition, campaignPhase, CampaignState, evolveCampaign, initialCampaignState } from './campaign-state';
import { assertNever, Decider } from './decider';
import { Conflict, Invalid, NotFound, FieldError } from './errors';
import type { Agency, CampaignEvent, Question, ResultsPublished } from './events';
import { DEFAULT_SCALE, Scale, ScaleLevel, validateScale } from './scale';

export const DEFAULT_QUESTIONS: readonly Question[] = Object.freeze([
  { id: 'efficiency', text: '办事效率 Efficiency' },
  { id: 'attitude', text: '服务态度 Attitude' },
  { id: 'integrity', text: '廉洁自律 Integrity' },
  { id: 'policy', text: '政策落实 Policy implementation' },
]);

export type OpenCampaign = {
  type: 'OpenCampaign';
  data: {
    campaignId: string; year: number; title: string; opensAt: string; closesAt: string;
    agencies: Agency[]; questions?: Question[]; scale?: ScaleLevel[];
  };
};
export type CloseCampaign = { type: 'CloseCampaign'; data: { campaignId: string } };
export type PublishResults = { type: 'PublishResults'; data: Omit<ResultsPublished['data'], 'publishedAt'> };
export type CampaignCommand = OpenCampaign | CloseCampaign | PublishResults | CampaignChange;

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState, { now: Date }> = {
  initialState: initialCampaignState,
  evolve: evolveCampaign,

  decide(command, state, { now }) {
    switch (command.type) {
      case 'OpenCampaign':
        if (state.exists) throw new Conflict(`campaign ${command.data.campaignId} already exists`);
        return [{ type: 'CampaignOpened', data: openedData(command.data) }];
      case 'CloseCampaign': {
        const s = existing(state, command.data.campaignId);
        if (s.closedAt) throw new Conflict(`campaign ${command.data.campaignId} was already closed at ${s.closedAt}`);
        return [{ type: 'CampaignClosed', data: { campaignId: command.data.campaignId, closedAt: now.toISOString() } }];
      }
      case 'PublishResults': {
        const s = existing(state, command.data.campaignId);
        const phase = campaignPhase(s, now);
        if (phase === 'published') throw new Conflict(`campaign ${command.data.campaignId} is already published`);
        if (phase !== 'closed') throw new Conflict(`campaign ${command.data.campaignId} is ${phase}: close it before publishing`);
        const at = now.toISOString();
        const closing: CampaignEvent[] = s.closedAt ? [] : [{ type: 'CampaignClosed', data: { campaignId: command.data.campaignId, closedAt: at } }];
        return [...closing, { type: 'ResultsPublished', data: { ...command.data, publishedAt: at } }];
      }
      case 'ExtendClosing':
      case 'AddAgency':
      case 'PutAgency':
        return decideChange(command, state, now);
      default:
        return assertNever(command);
    }
  },
};

function existing(state: CampaignState, campaignId: string) {
  if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
  return state;
}

function openedData(d: OpenCampaign['data']): CampaignDefinition {
  const problems: FieldError[] = [];
  const opens = Date.parse(d.opensAt);
  const closes = Date.parse(d.closesAt);
  if (Number.isNaN(opens)) problems.push({ field: 'opensAt', message: 'must be an ISO 8601 time' });
  if (Number.isNaN(closes)) problems.push({ field: 'closesAt', message: 'must be an ISO 8601 time' });
  if (!(closes > opens)) problems.push({ field: 'closesAt', message: 'must be after opensAt' });
  if (d.agencies.length === 0) problems.push({ field: 'agencies', message: 'a campaign needs at least one agency' });
  duplicates(d.agencies.map((a) => a.id)).forEach((id) => problems.push({ field: 'agencies', message: `duplicate agency id ${id}` }));
  const questions = d.questions ?? [...DEFAULT_QUESTIONS];
  duplicates(questions.map((q) => q.id)).forEach((id) => problems.push({ field: 'questions', message: `duplicate question id ${id}` }));
  const scale: Scale = d.scale ?? DEFAULT_SCALE;
  try {
    validateScale(scale);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    problems.push(...e.errors);
  }
  if (problems.length) throw Invalid.because('invalid campaign', problems);
  return {
    campaignId: d.campaignId, year: d.year, title: d.title,
    opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString(),
    agencies: d.agencies.map(({ id, name }) => ({ id, name })),
    questions: questions.map(({ id, text }) => ({ id, text })),
    scale: scale.map(({ id, label, score, satisfied, negative }) => ({ id, label, score, satisfied, negative })),
  };
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.size === seen.add(id).size))];
}
