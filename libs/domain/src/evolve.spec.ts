/**
 * Every decider's evolve leaves the state it is given as it was: the Aggregates cache hands one
 * state to several loads, and the closed loop's views keep states in records. Each history below
 * visits every event type of its decider; before each step the state is frozen deeply (a Map's
 * set included), so a step that changed it throws, and its contents are compared after the step.
 */
import { List, Map as PersistentMap } from 'immutable';
import { agencyDecider } from './agency';
import { auditLogDecider } from './audit-log';
import { ballotDecider } from './ballot';
import { campaignDecider } from './campaign';
import type { Decider } from './decider';
import { enterpriseDecider } from './enterprise';
import type { AgencyEvent, AuditRead, BallotEvent, CampaignEvent, EnterpriseEvent, InvitationEvent, RectificationEvent, RequestEvent } from './events';
import { invitationDecider } from './invitation';
import { rectificationDecider } from './rectification/decider';
import { requestDecider } from './requests/decider';
import { acme, globex, opened, registered } from './testing/builders';
import {
  appealDecided, appealed, caseKey, caseOpened, closed as caseClosed, contacted, escalated, followedUp, missed, reopened, reported, trigger,
} from './testing/cases';
import { deepFreeze } from './testing/freeze';
import {
  accepted, dispatched, extensionAsked, extensionDecided, rated, received, requestClosed, requestEscalated, requestMissed, requestReopened, resolved, returned,
} from './testing/requests';

const ballot = { campaignId: 'xz-2019', creditCode: acme };
const segment = { district: '鼓楼区', industry: 'C', size: 'small' as const };
const rating = (agencyId: string, level: string) => ({ ...ballot, agencyId, rating: level, answers: { efficiency: level }, comment: null, ...segment });

const histories: [string, Pick<Decider<unknown, never, unknown, unknown>, 'initialState' | 'evolve'>, unknown[]][] = [
  ['campaign', campaignDecider, [
    opened(),
    { type: 'CampaignClosingExtended', data: { campaignId: 'xz-2019', closesAt: '2020-01-31T00:00:00.000Z', previousClosesAt: '2019-12-31T00:00:00.000Z' } },
    { type: 'CampaignAgencyAdded', data: { campaignId: 'xz-2019', agencyId: 'housing', name: '市住建局' } },
    { type: 'CampaignAgencyRenamed', data: { campaignId: 'xz-2019', agencyId: 'tax', name: '新名', previousName: '市税务局' } },
    { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: '2020-01-31T00:00:00.000Z' } },
    { type: 'ResultsPublished', data: { campaignId: 'xz-2019', publishedAt: '2020-02-01T00:00:00.000Z', position: 9, figures: { rate: 82 } } },
  ] satisfies CampaignEvent[]],
  ['enterprise', enterpriseDecider, [
    registered(),
    { type: 'EnterpriseProfileChanged', data: { creditCode: acme, name: '新名', district: '云龙区', industry: 'F', size: 'medium' } },
  ] satisfies EnterpriseEvent[]],
  ['ballot', ballotDecider, [
    { type: 'EvaluationSubmitted', data: rating('tax', 'satisfied') },
    { type: 'EvaluationSubmitted', data: rating('police', 'satisfied') },
    { type: 'EvaluationRevised', data: rating('tax', 'dissatisfied') },
    { type: 'EvaluationWithdrawn', data: { ...ballot, agencyId: 'police' } },
    { type: 'EvaluationInvalidated', data: { ...ballot, agencyId: 'tax', reason: 'duplicate' } },
  ] satisfies BallotEvent[]],
  ['invitations', invitationDecider, [
    { type: 'InvitationsIssued', data: { campaignId: 'xz-2019', creditCodes: [acme, globex], expiresAt: '2020-01-07T00:00:00.000Z', issuedAt: '2019-11-01T00:00:00.000Z' } },
    { type: 'InvitationRevoked', data: { campaignId: 'xz-2019', creditCode: acme, reason: 'wrong address', revokedAt: '2019-11-02T00:00:00.000Z' } },
    { type: 'InvitationsIssued', data: { campaignId: 'xz-2019', creditCodes: [acme], expiresAt: '2020-01-07T00:00:00.000Z', issuedAt: '2019-11-03T00:00:00.000Z' } },
  ] satisfies InvitationEvent[]],
  ['agency directory', agencyDecider, [
    { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '市税务局', at: '2019-11-01T00:00:00.000Z' } },
    { type: 'AgencyRenamed', data: { agencyId: 'tax', name: '新名', previousName: '市税务局', at: '2019-11-02T00:00:00.000Z' } },
  ] satisfies AgencyEvent[]],
  ['audit-read log', auditLogDecider, [
    { type: 'AuditRead', data: { via: 'http', what: 'ballot', request: 'r1', status: 200 } },
    { type: 'AuditRead', data: { via: 'cli', what: 'verify', request: 'r2', status: 200 } },
  ] satisfies AuditRead[]],
  ['rectification case', rectificationDecider, [
    caseOpened(), { type: 'RectificationRatingRevised', data: { ...caseKey, level: 'very_dissatisfied', comment: null, answers: {}, triggeredBy: trigger(11), at: '2019-12-07T00:00:00.000Z' } },
    contacted(), missed('contact'), appealed(), appealDecided(false), reported(), followedUp('dissatisfied'), reopened(), escalated(), caseClosed(),
  ] satisfies RectificationEvent[]],
  ['request', requestDecider, [
    received(), dispatched(), returned(), dispatched(), accepted(), extensionAsked(), extensionDecided(true), resolved(), rated('dissatisfied'),
    requestReopened(), requestMissed('resolve', '2020-01-14T16:00:00.000Z', 'tax'), requestEscalated(), requestClosed('escalated-closed'),
  ] satisfies RequestEvent[]],
];

/** What a state holds, Maps, Sets and immutable.js collections included, as plain JSON. */
const contents = (state: unknown): string =>
  JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Map || value instanceof Set) return [...value];
    if (PersistentMap.isMap(value) || List.isList(value)) return value.toJS();
    return value;
  });

describe('evolve never changes the state it is given', () => {
  it.each(histories)('%s', (_name, decider, events) => {
    let state = decider.initialState();
    for (const event of events) {
      const before = contents(state);
      const next = decider.evolve(deepFreeze(state), event as never);
      expect(contents(state)).toBe(before);
      expect(contents(next)).not.toBe(before); // each event of the history changes something
      state = next;
    }
    const unfrozen = events.reduce<unknown>((s, e) => decider.evolve(s as never, e as never), decider.initialState());
    expect(contents(state)).toBe(contents(unfrozen));
  });

  it('deepFreeze stops a change to a nested object, a Map, a Set, and a value inside an immutable.js map', () => {
    const state = deepFreeze({ nested: { n: 1 }, map: new Map([['k', { n: 1 }]]), set: new Set(['a']), persistent: PersistentMap({ k: { n: 1 } }) });
    expect(() => (state.nested.n = 2)).toThrow(TypeError);
    expect(() => state.map.set('k2', { n: 2 })).toThrow(TypeError);
    expect(() => (state.map.get('k')!.n = 2)).toThrow(TypeError);
    expect(() => state.set.add('b')).toThrow(TypeError);
    expect(() => (state.persistent.get('k')!.n = 2)).toThrow(TypeError);
  });
});
