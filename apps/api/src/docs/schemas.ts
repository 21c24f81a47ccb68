/**
 * The bodies the API answers with, as OpenAPI schemas (components/schemas), written from DESIGN.md's
 * shapes and the query handlers' views. Each lists what it always carries as `required`; objects stay
 * open to added members. test/openapi.e2e-spec.ts validates real answers against them, so a change
 * of shape that is not made here too fails there.
 */
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

const $ = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
/** An object with these members, all required but those named in `optional`. */
function obj(properties: Record<string, Schema>, optional: string[] = [], description?: string): SchemaObject {
  return { type: 'object', ...(description ? { description } : {}), required: Object.keys(properties).filter((k) => !optional.includes(k)), properties };
}
const str: SchemaObject = { type: 'string' };
const int: SchemaObject = { type: 'integer' };
const num: SchemaObject = { type: 'number' };
const bool: SchemaObject = { type: 'boolean' };
const time: SchemaObject = { type: 'string', format: 'date-time' };
/** OpenAPI 3.1 (JSON Schema 2020-12): null as a type of its own. */
const nullable = (schema: Schema): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const array = (items: Schema): SchemaObject => ({ type: 'array', items });
const orNull = (name: string): SchemaObject => nullable($(name));
const textMap: SchemaObject = { type: 'object', additionalProperties: { type: 'string' } };

export const API_SCHEMAS: Record<string, SchemaObject> = {
  // Campaigns
  Agency: obj({ id: str, name: str }),
  Question: obj({ id: str, text: str }),
  ScaleLevel: obj({ id: str, label: str, score: num, satisfied: bool, negative: bool }),
  Campaign: obj({
    id: str, year: int, title: str, opensAt: time, closesAt: time,
    status: { type: 'string', enum: ['scheduled', 'open', 'closed', 'published'] },
    closedAt: nullable(time), publishedAt: nullable(time),
    agencies: array($('Agency')), questions: array($('Question')), scale: array($('ScaleLevel')),
  }),
  CampaignList: obj({ campaigns: array($('Campaign')) }),
  PublishedCampaign: { allOf: [$('Campaign'), obj({ published: $('Headline') }, [], 'the campaign with the figures as published')] },
  CampaignChange: obj({ outcome: { type: 'string', enum: ['extended', 'added', 'renamed', 'unchanged'] }, campaign: $('Campaign') }),
  // Enterprises and ballots
  Enterprise: obj({ creditCode: str, name: str, district: str, industry: str, size: { type: 'string', enum: ['micro', 'small', 'medium', 'large'] } }),
  EnterpriseRegistration: obj({ outcome: { type: 'string', enum: ['registered', 'changed', 'unchanged'] }, enterprise: $('Enterprise') }),
  Submission: obj({ campaignId: str, agencyId: str, outcome: { type: 'string', enum: ['submitted', 'revised', 'unchanged'] } }),
  Ballot: obj({
    campaignId: str,
    evaluations: array(obj({ agencyId: str, rating: str, answers: textMap, comment: nullable(str), submittedAt: time, revisedAt: nullable(time) })),
    invalidated: array(obj({ agencyId: str, reason: str, at: time })),
    cases: array($('Case')),
  }, [], 'current evaluations only; invalidated ones with their reason; the enterprise\'s rectification cases in the campaign (without their history)'),
  // Audit
  StoredEvent: obj({
    id: str, revision: int, position: int, type: str, data: { type: 'object' },
    metadata: obj({ schemaVersion: int, recordedAt: time, actor: obj({ role: str, sub: str }), correlationId: str, causationId: str }),
    hash: str,
  }, ['hash']),
  BallotHistory: obj({ campaignId: str, creditCode: str, events: array($('StoredEvent')) }),
  CampaignHistory: obj({ campaignId: str, events: array($('StoredEvent')) }),
  Invalidation: obj({ campaignId: str, creditCode: str, agencyId: str, reason: str }),
  FigureCheck: obj({ figure: str, published: {}, replayed: {}, reproduces: bool }, ['published', 'replayed']),
  Verification: obj({
    campaignId: str, ok: bool, published: obj({ publishedAt: time, position: int }),
    methodology: obj({ matches: bool, detail: str }),
    figures: array($('FigureCheck')), failures: array($('FigureCheck')),
    live: obj({ head: int, checkpoint: int, lag: int, agrees: bool, differences: array($('FigureCheck')) }),
  }),
  AuditReads: obj({
    date: str,
    reads: array(obj({ position: int, revision: int, at: time, by: obj({ role: str, sub: str }), via: str, what: str, status: int }, [])),
    next: nullable(obj({ date: str, from: int })),
  }),
  // Reports
  Rate: obj({ rate: nullable(num), low: nullable(num), high: nullable(num), n: int }, [], 'a percentage with one decimal, its 95% Wilson interval and n (null rates when n = 0)'),
  Change: obj({ points: num, pValue: num, significant: bool, comparable: bool }, ['comparable'], 'against the previous campaign, in percentage points, with a two-proportion z-test'),
  AsOf: obj({ position: str, recordedAt: nullable(time) }, [], 'the log position the figures were computed at (recordedAt null before any event)'),
  Previous: obj({ campaignId: str, year: int, rate: nullable(num) }),
  AgencyRanking: obj({ agencyId: str, name: str, rank: int, evaluations: int, satisfaction: $('Rate'), meanScore: nullable(num), badReviewRate: nullable(num), change: orNull('Change') }),
  Headline: obj({
    campaignId: str, year: int, respondents: int, evaluations: int, satisfaction: $('Rate'), meanScore: nullable(num), badReviewRate: nullable(num),
    previous: orNull('Previous'), change: orNull('Change'), agencies: array($('AgencyRanking')), asOf: $('AsOf'),
  }),
  SegmentCell: obj({ value: str, n: int, satisfaction: $('Rate'), suppressed: bool }, ['n', 'satisfaction', 'suppressed'], '`{ value, suppressed: true }` for a cell under SUPPRESSION_K respondents'),
  AgencyReport: obj({
    campaignId: str, year: int, agencyId: str, name: str, respondents: int, evaluations: int, satisfaction: $('Rate'), meanScore: nullable(num),
    badReviewRate: nullable(num), badReviews: $('Rate'), previous: orNull('Previous'), change: orNull('Change'),
    questions: array(obj({ questionId: str, text: str, n: int, satisfaction: $('Rate'), meanScore: nullable(num), badReviews: $('Rate'), suppressed: bool }, ['n', 'satisfaction', 'meanScore', 'badReviews', 'suppressed'], '`{ questionId, text, suppressed: true }` for a question answered by fewer than SUPPRESSION_K')),
    segments: nullable(obj({ district: array($('SegmentCell')), industry: array($('SegmentCell')), size: array($('SegmentCell')) })),
    segmentsOmitted: str, suppressionK: int, asOf: $('AsOf'),
  }, ['segmentsOmitted']),
  Trends: obj({
    agencyId: nullable(str), name: str, test: str, asOf: $('AsOf'),
    series: array(obj({ campaignId: str, year: int, n: int, satisfaction: $('Rate'), meanScore: nullable(num), badReviewRate: nullable(num), change: orNull('Change') })),
  }, ['name']),
  PublicResults: {
    allOf: [$('Headline'), obj({
      publishedAt: time,
      badReviewRanking: array(obj({ rank: int, agencyId: str, name: str, badReviewRate: nullable(num), evaluations: int })),
      seal: obj({ position: int, count: int, rollingHash: str, sealedAt: time }),
    }, ['seal'])],
  },
  PublishedCampaigns: obj({ campaigns: array(obj({ id: str, year: int, title: str, publishedAt: time })) }),
  // Administration
  Progress: obj({
    campaignId: str, status: str, invited: int, responded: int, responseRate: nullable(num), respondedWithoutInvitation: int,
    agencies: array(obj({ agencyId: str, name: str, responded: int, responseRate: nullable(num) })),
    districts: array(obj({ district: nullable(str), invited: int, responded: int, responseRate: nullable(num) }, [], 'district null: enterprises registered without one')),
    asOf: obj({ position: int, recordedAt: nullable(time) }),
  }),
  NonRespondents: obj({ campaignId: str, nonRespondents: array(obj({ creditCode: str, name: nullable(str), district: nullable(str) })), next: nullable(str) }),
  ImportSummary: obj({
    rows: int, rejected: int, errorCount: int, errorsTruncated: bool,
    errors: array(obj({ line: int, column: str, reason: str }, ['column'])),
  }, [], 'per kind, the counts of what the rows did (registered, changed, unchanged; or added, renamed, unchanged)'),
  Revocation: obj({ campaignId: str, creditCode: str, revokedAt: time }),
  // Rectification cases (CLOSED-LOOP.md)
  Case: obj({
    caseId: str, campaignId: str, agencyId: str, agencyName: nullable(str),
    status: { type: 'string', enum: ['open', 'contacted', 'reported', 'escalated', 'closed'] },
    round: int, level: str, comment: nullable(str), answers: textMap, openedAt: time, contactDue: time, rectifyDue: time,
    overdue: array({ type: 'string', enum: ['contact', 'rectify'] }),
    enterprise: nullable(obj({ creditCode: str, name: nullable(str) }, [], 'null for an agency unless the enterprise consented to be contacted')),
    report: nullable(obj({ round: int, kind: str, actions: str, at: time })),
    followUp: nullable(obj({ round: int, level: str, comment: nullable(str), at: time })),
    appeal: nullable(obj({ reason: str, at: time, decision: nullable(obj({ upheld: bool, reason: str, at: time })) })),
    outcome: nullable(str),
  }, [], 'a case as its reader may see it'),
  CaseDetail: { allOf: [$('Case'), obj({ history: array(obj({ type: str, at: time, by: str, text: nullable(str) })) }, [], 'the case with its history, opening first')] },
  CasePage: obj({ cases: array($('Case')), next: nullable(str) }, [], 'overdue first, then by the next due date, then closed ones; `next` is the `after` of the next page'),
  // The closed loop: rectification reports (CLOSED-LOOP.md "Report shapes") and the webhook outbox's parked notices
  CaseFigures: obj({
    cases: int, contacted: int, contactedOnTime: int, reported: int, rectifiedOnTime: int, followUps: int, followUpSatisfied: int,
    appeals: int, appealsUpheld: int, open: int, overdue: int,
    rates: obj({ contactedOnTime: $('Rate'), rectifiedOnTime: $('Rate'), followUpSatisfied: $('Rate') }),
  }, [], 'cumulative counts of cases that reached each step; open and overdue as they stand when asked; never suppressed'),
  RectificationReport: obj({
    campaignId: str,
    agencies: array({ allOf: [obj({ agencyId: str, name: nullable(str) }), $('CaseFigures')] }),
    total: $('CaseFigures'),
  }, [], 'every agency of the campaign in its order, zeros where it has no case; never suppressed'),
  PublicCaseFigures: obj({ cases: int, closed: int, rectifiedRate: $('Rate'), onTimeRate: $('Rate') }),
  PublicRectification: obj({
    campaignId: str, publishedAt: time,
    agencies: array({ allOf: [obj({ agencyId: str, name: nullable(str) }), $('PublicCaseFigures')] }),
    total: $('PublicCaseFigures'),
  }),
  // The closed loop: requests reports (CLOSED-LOOP.md "Report shapes")
  RequestFigures: obj({
    received: int, dispatchedOnTime: int, accepted: int, returned: int, resolved: int, resolvedOnTime: int, rated: int, satisfied: int,
    open: int, overdue: int, escalated: int,
    rates: obj({ dispatchedOnTime: $('Rate'), resolvedOnTime: $('Rate'), satisfied: $('Rate') }),
  }, [], 'the requests that reached each step on the days of the span (each once; per agency: its own steps, received = dispatched to it); open and overdue: those received in the span, as they stand when asked; never suppressed'),
  RequestReport: obj({
    from: nullable({ type: 'string', format: 'date' }), to: nullable({ type: 'string', format: 'date' }),
    agencies: array({ allOf: [obj({ agencyId: str, name: nullable(str) }), $('RequestFigures')] }),
    categories: array({ allOf: [obj({ category: str }), $('RequestFigures')] }),
    months: array({ allOf: [obj({ month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }), $('RequestFigures')] }),
    total: $('RequestFigures'),
  }, [], 'every agency of the directory (zeros where it has no request), every category of the deployment, every month from the first to the last with a count'),
  PublicRequestFigures: obj({ received: int, resolved: int, resolvedOnTimeRate: $('Rate'), satisfactionRate: $('Rate') }),
  PublicRequests: obj({
    year: nullable(int),
    categories: array({ allOf: [obj({ category: str }), $('PublicRequestFigures')] }),
    total: $('PublicRequestFigures'),
  }, [], 'no text, no agency, no enterprise'),
  RequestCategories: obj({
    categories: array(obj({ category: str, label: obj({ zh: str, en: str }), resolveDays: int })),
    dispatchDays: int, acceptDays: int, maxExtensionDays: int, rateDays: int,
  }, [], 'in the order offered; days are working days (rateDays: natural days), as configured'),
  ParkedNotices: obj({
    parked: array(obj({ key: str, kind: str, subject: obj({ type: str, id: str }), tries: int, lastError: str, parkedAt: time, notice: { type: 'object' } })),
    next: nullable(str),
  }, [], 'in key order; `next` is the `after` of the following page, null on the last'),
  RetryAccepted: obj({ key: str, status: { type: 'string', enum: ['retrying'] } }),
  // The agency directory (CLOSED-LOOP.md)
  AgencyDirectory: obj({
    agencies: array(obj({ agencyId: str, name: str, registered: bool }, [], 'registered: by an admin in the directory; false for an agency only a campaign names')),
  }, [], 'by agency id'),
  AgencyRegistration: obj({ outcome: { type: 'string', enum: ['registered', 'renamed', 'unchanged'] }, agency: obj({ agencyId: str, name: str }) }),
  // Enterprises' requests (CLOSED-LOOP.md)
  RequestFiled: obj({ requestId: str, status: str, dispatchDue: nullable(time) }, [], 'the request filed (201), or the one a retry under the same Idempotency-Key filed before (200), as it stands now'),
  Request: obj({
    requestId: str, category: str, title: str, description: str, channel: { type: 'string', enum: ['12345', 'window', 'phone', 'online'] },
    agencyId: nullable(str),
    status: { type: 'string', enum: ['received', 'dispatched', 'accepted', 'resolved', 'closed', 'returned', 'escalated', 'withdrawn'] },
    round: int, receivedAt: time, dispatchDue: nullable(time), acceptDue: nullable(time), resolveDue: nullable(time),
    overdue: array({ type: 'string', enum: ['dispatch', 'accept', 'resolve'] }),
    extensionAsked: nullable(int),
    enterprise: obj({ creditCode: str, name: nullable(str) }),
    reply: nullable(obj({ round: int, text: str, at: time })),
    rating: nullable(obj({ round: int, level: str, comment: nullable(str), at: time })),
    outcome: nullable({ type: 'string', enum: ['satisfied', 'rated', 'not-rated', 'escalated-closed', 'withdrawn'] }),
  }, [], 'a request as its reader sees it: not anonymous, so with its enterprise'),
  RequestDetail: { allOf: [$('Request'), obj({ history: array(obj({ type: str, at: time, by: str, text: nullable(str) })) }, [], 'the request with its history, receipt first')] },
  RequestPage: obj({ requests: array($('Request')), next: nullable(str) }, [], 'overdue first, then by the next deadline, then finished ones; `next` is the `after` of the next page'),
  // Health
  Alive: obj({ status: { type: 'string', enum: ['ok'] } }),
  Readiness: obj({
    status: { type: 'string', enum: ['ready', 'unavailable'] }, eventStore: str, readModels: str, head: int,
    projections: array(obj({ name: str, generation: int, position: int, lag: int, lagUnit: str, status: str })),
    followers: array(obj({ name: str, position: int, lag: int }, [], 'the other processes of the API that follow the log: the case reactor, the deadline scheduler, the sealer, the outbox')),
    catchingUp: { ...array(str), description: 'the projections and followers still behind the head (or, for the deadline scheduler, with deadlines due it has not recorded); empty once settled' },
    notifications: obj({ parked: int }, [], 'with NOTIFY_WEBHOOK_URL set: the notices parked after their last try'),
    calendar: obj({ coveredUntil: nullable(str), warning: nullable(str) }, [], 'how far the working-day calendar reaches; a warning when the next 60 days are not all covered'),
  }, ['head', 'projections', 'followers', 'catchingUp', 'notifications', 'calendar']),
};
