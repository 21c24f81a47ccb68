/**
 * Builders of the events the `reports` projection folds, as a domain test would write them, and
 * their wrapping into RecordedEvents (pure specs) or NewEvents (specs over a real event store).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_QUESTIONS, DEFAULT_SCALE, streams } from '@survey/domain';
import type { BallotEvent, CampaignEvent, SurveyEvent } from '@survey/domain';
import type { NewEvent, RecordedEvent } from '@survey/event-store';

export const acme = '91310110666007217T';
export const globex = '91350200776049653A';
export const initech = '91440101MA5CJQ4N59';

export const LEVELS = DEFAULT_SCALE.map((l) => l.id);
export const AGENCIES = [
  { id: 'tax', name: '市税务局' },
  { id: 'police', name: '市公安局' },
  { id: 'market', name: '市市场监管局' },
];

export function opened(campaignId = 'xz-2019', year = 2019): CampaignEvent {
  return {
    type: 'CampaignOpened',
    data: {
      campaignId, year, title: `${year} 评议`,
      opensAt: `${year}-11-01T00:00:00.000Z`, closesAt: `${year}-12-31T00:00:00.000Z`,
      agencies: AGENCIES.map((a) => ({ ...a })),
      questions: DEFAULT_QUESTIONS.map((q) => ({ ...q })),
      scale: DEFAULT_SCALE.map((l) => ({ ...l })),
    },
  };
}

export const closed = (campaignId = 'xz-2019'): CampaignEvent => ({
  type: 'CampaignClosed', data: { campaignId, closedAt: '2019-12-31T00:00:00.000Z' },
});

export const published = (campaignId: string, position: number, figures: Record<string, unknown>): CampaignEvent => ({
  type: 'ResultsPublished', data: { campaignId, publishedAt: '2020-01-10T02:00:00.000Z', position, figures },
});

interface RatingOptions {
  answers?: Record<string, string>;
  campaignId?: string;
}

function rated(type: 'EvaluationSubmitted' | 'EvaluationRevised', creditCode: string, agencyId: string, rating: string, options: RatingOptions): BallotEvent {
  const { answers = {}, campaignId = 'xz-2019' } = options;
  return {
    type,
    data: { campaignId, creditCode, agencyId, rating, answers, comment: null, district: '鼓楼区', industry: 'C', size: 'small' },
  };
}

export const submitted = (creditCode: string, agencyId: string, rating: string, options: RatingOptions = {}) =>
  rated('EvaluationSubmitted', creditCode, agencyId, rating, options);

export const revised = (creditCode: string, agencyId: string, rating: string, options: RatingOptions = {}) =>
  rated('EvaluationRevised', creditCode, agencyId, rating, options);

export const withdrawn = (creditCode: string, agencyId: string, campaignId = 'xz-2019'): BallotEvent => ({
  type: 'EvaluationWithdrawn', data: { campaignId, creditCode, agencyId },
});

export const invalidated = (creditCode: string, agencyId: string, campaignId = 'xz-2019'): BallotEvent => ({
  type: 'EvaluationInvalidated', data: { campaignId, creditCode, agencyId, reason: '同一IP批量提交 (bulk submission)' },
});

export const registered = (creditCode: string): SurveyEvent => ({
  type: 'EnterpriseRegistered',
  data: { creditCode, name: '徐州某某科技有限公司', district: '鼓楼区', industry: 'C', size: 'small' },
});

export function streamOf(event: SurveyEvent): string {
  if (event.type === 'InvitationsIssued' || event.type === 'InvitationRevoked') return streams.invitations(event.data.campaignId);
  if ('creditCode' in event.data && 'campaignId' in event.data) return streams.ballot(event.data.campaignId, event.data.creditCode);
  if ('campaignId' in event.data) return streams.campaign(event.data.campaignId);
  return streams.enterprise(event.data.creditCode);
}

/** A distinct, increasing server time per event: one minute apart from 2019-11-15 08:00 UTC. */
export const recordedAtOf = (index: number) => new Date(Date.UTC(2019, 10, 15, 8) + index * 60_000).toISOString();

export function toNew(event: SurveyEvent, index: number): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: {
      schemaVersion: 1, recordedAt: recordedAtOf(index),
      actor: { role: 'system', sub: 'read-model-spec' }, correlationId: randomUUID(), causationId: randomUUID(),
    },
  };
}

/** The events as a log would hand them out: positions from 1, revisions per stream. */
export function recorded(events: SurveyEvent[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map((event, i) => {
    const stream = streamOf(event);
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    return { ...toNew(event, i), stream, revision, position: i + 1 };
  });
}
