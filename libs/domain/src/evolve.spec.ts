/**
 * Every decider's evolve leaves the state it is given as it was: the Aggregates cache hands one
 * state to several loads, and the closed loop's views keep states in records (folded here too). Each history below
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
import { foldCaseRecord } from './rectification/view';
import { requestDecider } from './requests/decider';
import { foldRequestRecord } from './requests/view';
import {
  acme, campaignAgencyAdded, campaignAgencyRenamed, closed, closingExtended, globex, invalidated, issued, opened, profileChanged, published, registered, revised, revoked,
  submitted, withdrawn,
} from './testing/builders';
import {
  appealDecided, appealed, caseKey, caseOpened, closed as caseClosed, contacted, escalated, followedUp, missed, reopened, reported, trigger,
} from './testing/cases';
import { deepFreeze } from './testing/freeze';
import {
  accepted, dispatched, extensionAsked, extensionDecided, rated, received, requestClosed, requestEscalated, requestMissed, requestReopened, resolved, returned,
} from './testing/requests';

const caseHistory: RectificationEvent[] = [
    caseOpened(), { type: 'RectificationRatingRevised', data: { ...caseKey, level: 'very_dissatisfied', comment: null, answers: {}, triggeredBy: trigger(11), at: '2019-12-07T00:00:00.000Z' } },
    contacted(), missed('contact'), appealed(), appealDecided(false), reported(), followedUp('dissatisfied'), reopened(), escalated(), caseClosed(),
];
const requestHistory: RequestEvent[] = [
    received(), dispatched(), returned(), dispatched(), accepted(), extensionAsked(), extensionDecided(true), resolved(), rated('dissatisfied'),
    requestReopened(), requestMissed('resolve', '2020-01-14T16:00:00.000Z', 'tax'), requestEscalated(), requestClosed('escalated-closed'),
];
/** A view's record fold as a decider's initialState/evolve, each event by the centre. */
const recordFold = <R, E>(fold: (record: R | undefined, e: { event: E; actor: { role: string } }) => R | undefined) => ({
  initialState: (): R | undefined => undefined,
  evolve: (record: R | undefined, event: E) => fold(record, { event, actor: { role: 'centre' } }),
});

const histories: [string, Pick<Decider<unknown, never, unknown, unknown>, 'initialState' | 'evolve'>, unknown[]][] = [
  ['campaign', campaignDecider, [
    opened(), closingExtended('2020-01-31T00:00:00.000Z'), campaignAgencyAdded('housing', '市住建局'), campaignAgencyRenamed('tax', '新名', '市税务局'),
    closed('xz-2019', '2020-01-31T00:00:00.000Z'), published('xz-2019', 9, { rate: 82 }),
  ] satisfies CampaignEvent[]],
  ['enterprise', enterpriseDecider, [registered(), profileChanged(acme, { district: '云龙区', size: 'medium' })] satisfies EnterpriseEvent[]],
  ['ballot', ballotDecider, [
    submitted(acme, 'tax', 'satisfied', { answers: { efficiency: 'satisfied' } }), submitted(acme, 'police', 'satisfied'),
    revised(acme, 'tax', 'dissatisfied'), withdrawn(acme, 'police'), invalidated(acme, 'tax'),
  ] satisfies BallotEvent[]],
  ['invitations', invitationDecider, [
    issued([acme, globex], '2019-11-01T00:00:00.000Z'), revoked(acme, '2019-11-02T00:00:00.000Z'), issued([acme], '2019-11-03T00:00:00.000Z'),
  ] satisfies InvitationEvent[]],
  ['agency directory', agencyDecider, [
    { type: 'AgencyRegistered', data: { agencyId: 'tax', name: '市税务局', at: '2019-11-01T00:00:00.000Z' } },
    { type: 'AgencyRenamed', data: { agencyId: 'tax', name: '新名', previousName: '市税务局', at: '2019-11-02T00:00:00.000Z' } },
  ] satisfies AgencyEvent[]],
  ['audit-read log', auditLogDecider, [
    { type: 'AuditRead', data: { via: 'http', what: 'ballot', request: 'r1', status: 200 } },
    { type: 'AuditRead', data: { via: 'cli', what: 'verify', request: 'r2', status: 200 } },
  ] satisfies AuditRead[]],
  ['rectification case', rectificationDecider, caseHistory],
  ['request', requestDecider, requestHistory],
  // The closed loop's views fold records the same way, and say they never change the one given.
  ['rectification case record', recordFold(foldCaseRecord), caseHistory],
  ['request record', recordFold(foldRequestRecord), requestHistory],
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
