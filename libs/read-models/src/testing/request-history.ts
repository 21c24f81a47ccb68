/**
 * Request histories for the `request-reports` projection's specs and the report's e2e, from the
 * domain's request builders (acme's request of Monday 2019-12-09 10:00 Asia/Shanghai, dispatch due
 * 12-10 24:00; dispatched to the tax bureau on 12-10 09:00, accept due 12-11 24:00, resolve due 12-31
 * 24:00), moved onto requests of their own. The counts below are worked out by hand from the comments
 * beside each request.
 */
import { caseEvents, endOf, requestEvents } from '@survey/domain/testing';
import type { RequestEvent } from '@survey/domain';

const { received, dispatched, accepted, returned, extensionAsked, extensionDecided, resolved, rated, requestReopened, requestEscalated, requestClosed, requestMissed } = requestEvents;
const { local } = caseEvents;

/** The builders' events moved onto another request. */
export const onRequest = (requestId: string, ...events: RequestEvent[]): RequestEvent[] =>
  events.map((e) => ({ ...e, data: { ...e.data, requestId } }) as RequestEvent);

export const requestWithdrawn = (at: string): RequestEvent[] => [
  { type: 'RequestWithdrawn', data: { requestId: requestEvents.requestId, reason: null, at } },
  requestClosed('withdrawn', null, at),
];

/** Seven requests, each a different path (ids `a`–`h` but `g`, or `prefix` + letter). */
export const cityRequests = (prefix = ''): RequestEvent[] => [
  // a (approval): dispatched to tax on time (12-10), accepted (12-11), resolved on time (12-20), rated satisfied (12-23): closed satisfied.
  ...onRequest(`${prefix}a`, received('approval'), dispatched(), accepted(), resolved(), rated('satisfied'), requestClosed('satisfied', 'satisfied')),
  // b (consultation): the dispatch deadline missed (recorded 12-11 00:00), dispatched late (12-11 09:00), accepted, the resolve deadline
  // (12-18) missed (recorded 12-19 00:00), resolved late (12-20), never rated: closed not-rated at 12-28 00:00.
  ...onRequest(`${prefix}b`, received('consultation'), requestMissed('dispatch', endOf('2019-12-10'), null),
    dispatched('tax', endOf('2019-12-18'), local('2019-12-11 09:00'), endOf('2019-12-12')), accepted('tax', local('2019-12-11 10:00')),
    requestMissed('resolve', endOf('2019-12-18'), 'tax'), resolved(1, local('2019-12-20 10:00')), requestClosed('not-rated', null, endOf('2019-12-27'))),
  // c (approval): dispatched to police on time (12-10), returned by police (12-11, dispatch due 12-12), dispatched to tax on time (12-12 09:00),
  // accepted (12-13), resolved on time (12-20, due 2020-01-02), rated dissatisfied → round 2, resolved again (12-30), rated very
  // dissatisfied (12-31): escalated, still open at tax.
  ...onRequest(`${prefix}c`, received('approval'), dispatched('police'), returned('police', local('2019-12-11 10:00'), endOf('2019-12-12')),
    dispatched('tax', endOf('2020-01-02'), local('2019-12-12 09:00'), endOf('2019-12-13')), accepted('tax', local('2019-12-13 10:00')),
    resolved(), rated('dissatisfied'), requestReopened(), resolved(2, local('2019-12-30 10:00'), endOf('2020-01-06')),
    rated('very_dissatisfied', 2, local('2019-12-31 10:00')), requestEscalated(local('2019-12-31 10:00'))),
  // d (land): withdrawn the day it was received, before any dispatch.
  ...onRequest(`${prefix}d`, received('land'), ...requestWithdrawn(local('2019-12-09 15:00'))),
  // e (finance): dispatched to tax (12-10), nothing since: waits on its accept (12-11 24:00) and resolve (12-31 24:00).
  ...onRequest(`${prefix}e`, received('finance'), dispatched()),
  // f (approval): dispatched, accepted, an extension of 5 working days granted (resolve due 2020-01-08), resolved 2020-01-06
  // (on time against the moved due), rated basically satisfied (2020-01-07): closed `rated`, not satisfied.
  ...onRequest(`${prefix}f`, received('approval'), dispatched(), accepted(), extensionAsked(), extensionDecided(true),
    resolved(1, local('2020-01-06 10:00'), endOf('2020-01-13')), rated('basically_satisfied', 1, local('2020-01-07 10:00')),
    requestClosed('rated', 'basically_satisfied', local('2020-01-07 10:00'))),
  // h (talent): received, never dispatched: waits at the centre on its dispatch (12-10 24:00).
  ...onRequest(`${prefix}h`, received('talent')),
];

/** The counts of cityRequests as a whole (the total, and summed over categories), by hand. */
export const CITY_REQUESTS_COUNTS = {
  received: 7, // a–f, h (d withdrawn stays)
  dispatched: 5, dispatchSettled: 5, dispatchedOnTime: 4, // a, b, c, e, f; b late (recorded missed: counted once); c's first dispatch judged
  accepted: 4, returned: 1, // a, b, c, f; c by police
  resolved: 4, resolveSettled: 4, resolvedOnTime: 3, // a, c, f on time (f against its extended due); b late (and recorded missed)
  rated: 3, ratingSettled: 3, satisfied: 1, // a satisfied; c rated twice (once here), final when escalated; f basically satisfied; b never rated
  escalated: 1, // c
};

/** The tax bureau's row: the five requests dispatched to it (a, b, c after police returned it, e, f). */
export const TAX_REQUESTS_COUNTS = {
  ...CITY_REQUESTS_COUNTS,
  received: 5, dispatched: 5, dispatchSettled: 5, dispatchedOnTime: 4, // b late; c's dispatch to tax (12-12 09:00) on time against the return's due
  returned: 0,
};

/** The police's row: c, dispatched to it on time and returned. */
export const POLICE_REQUESTS_COUNTS = {
  received: 1, dispatched: 1, dispatchSettled: 1, dispatchedOnTime: 1, accepted: 0, returned: 1,
  resolved: 0, resolveSettled: 0, resolvedOnTime: 0, rated: 0, ratingSettled: 0, satisfied: 0, escalated: 0,
};
