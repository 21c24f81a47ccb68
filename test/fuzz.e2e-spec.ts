/**
 * Random requests to every route of the real app (routes read from the controllers, so a new one is
 * fuzzed too): random JSON (deep, wide, unicode, prototype keys such as __proto__ and constructor,
 * huge numbers) and malformed text as bodies, random path parameters, query strings and headers,
 * with a valid token of each role, an invitation link's, a broken one, or none. Every answer must be
 * below 500 and, when it is an error, problem+json; a refused request (4xx) must append nothing to
 * the log (the one exception is by design: an auditor's read that finds nothing is itself recorded).
 * Bounded: a few hundred requests, at most a minute; fast-check prints the seed and the request of a
 * failure, and `FUZZ_SEED=<seed>` replays it.
 */
import fc from 'fast-check';
import { APP_CONFIG, AppConfig, systemMeta } from '@survey/application';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { invite } from '../apps/cli/src/invite/invite';
import { admin, startApp, TestApp, token } from './support/app';
import { creditCode } from './support/fixtures';
import { routesOf, Route } from './support/routes';
import { openCampaign, registered, submit } from './support/survey';

jest.setTimeout(120_000);

const RUNS = 500;
const TIME_LIMIT_MS = 60_000;

/** Names a plain object already has: as text, they must be ordinary ids, keys and values. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'apply', 'call', 'bind', 'length', 'name'];
const FIELDS = ['rating', 'answers', 'comment', 'id', 'year', 'title', 'opensAt', 'closesAt', 'agencies', 'questions', 'scale', 'name', 'district', 'industry', 'size', 'reason', 'label', 'score', 'satisfied', 'negative', 'text'];
const HUGE_NUMBERS = ['1e308', '-1e308', '1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000000001', '-0', '9007199254740993', '2e-400'];

/** Percent-encodes any string's UTF-8 bytes (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...PROTOTYPE_NAMES, '', ' ', 'satisfied', 'very_dissatisfied', 'tax', 'xz-2019', '鼓楼区', '=HYPERLINK("x")', '\u0000', '\ud800', 'a'.repeat(3000)),
);

/** JSON text whose objects may carry prototype names as keys (which JSON.stringify could not write from a plain object). */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '0', '-1', '16', ...HUGE_NUMBERS),
    text.map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 8 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS, ...PROTOTYPE_NAMES), text), tie('value')), { maxLength: 8 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** Bodies the routes could nearly take, so that many requests get past validation and into the rules. */
const shortText = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('市税务局', '鼓楼区', 'ok', ...PROTOTYPE_NAMES) }, { weight: 1, arbitrary: text });
const PLAUSIBLE = {
  submission: fc.record({ rating: fc.constantFrom('satisfied', 'dissatisfied', 'very_satisfied', 'constructor', '__proto__'), comment: fc.option(shortText, { nil: undefined }) })
    .chain((b) => fc.option(fc.dictionary(fc.constantFrom('efficiency', 'attitude', ...PROTOTYPE_NAMES), fc.constantFrom('satisfied', 'toString')), { nil: undefined }).map((answers) => ({ ...b, answers }))),
  profile: fc.record({ name: shortText, district: shortText, industry: fc.constantFrom('C', 'Z', 'constructor'), size: fc.constantFrom('small', 'huge', '__proto__') }),
  reason: fc.record({ reason: shortText }),
  closing: fc.record({ closesAt: fc.constantFrom('2099-01-01T00:00:00Z', 'tomorrow', '1e400', new Date(Date.now() + 90 * 86_400_000).toISOString()) }),
  agency: fc.record({ id: fc.constantFrom('courts', 'constructor', '__proto__', 'to-string', 'Bad'), name: shortText }),
  campaign: fc.record({
    id: fc.oneof(fc.constantFrom('fz-1', 'constructor', '__proto__', 'xz-2019'), text), year: fc.integer({ min: 1990, max: 2200 }), title: shortText,
    opensAt: fc.constant(new Date(Date.now() - 86_400_000).toISOString()), closesAt: fc.constant(new Date(Date.now() + 86_400_000).toISOString()),
    agencies: fc.array(fc.record({ id: fc.constantFrom('tax', 'constructor', '__proto__', 'to-string', 'value-of'), name: shortText }), { maxLength: 5 }),
  }),
};
/** The plausible body of a route, by its path and method; any of them for the others. */
function plausibleFor(route: Route): fc.Arbitrary<string> {
  const key: keyof typeof PLAUSIBLE | null =
    /\/evaluations\/:agencyId$/.test(route.path) ? 'submission'
      : route.path.startsWith('/v1/enterprises/') ? 'profile'
        : /(invalidate|revoke)$/.test(route.path) ? 'reason'
          : route.method === 'PATCH' ? 'closing'
            : /\/agencies(\/:agencyId)?$/.test(route.path) ? 'agency'
              : route.path === '/v1/campaigns' ? 'campaign' : null;
  const chosen: fc.Arbitrary<unknown> = key ? PLAUSIBLE[key] : fc.oneof(...Object.values(PLAUSIBLE) as fc.Arbitrary<unknown>[]);
  return chosen.map((b) => JSON.stringify(b));
}

const deep = fc.integer({ min: 20, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const wide = fc.integer({ min: 100, max: 9000 }).map((n) => `{"agencies":[${Array(n).fill('{}').join(',')}]}`);
const malformed = fc.constantFrom('', '{', '{"rating":', 'nul', '[1,]', '{"a":1}}', '\u0000', 'NaN', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}');
const bodyFor = (route: Route) => fc.oneof(
  { weight: 3, arbitrary: plausibleFor(route) },
  { weight: 2, arbitrary: jsonText },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: wide },
  { weight: 1, arbitrary: malformed },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

interface Caller {
  name: string;
  /** The token's role, if it has a valid one. */
  role?: string;
  authorization?: string;
}

interface Fuzzed {
  route: Route;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | undefined;
  caller: number;
}

/** Values a parameter of that name takes in the seeded world, so that many requests reach the rules. */
const AIMED: Record<string, fc.Arbitrary<string>> = {
  id: fc.constantFrom('xz-2019', 'pub-2018'),
  campaignId: fc.constantFrom('xz-2019', 'pub-2018'),
  agencyId: fc.constantFrom('tax', 'police', 'housing', 'constructor'),
  creditCode: fc.constantFrom(creditCode(1), creditCode(2)),
  file: fc.constantFrom('app.js', 'index.html', 'dashboard.js', 'nope.js'),
  version: fc.constantFrom('0', 'x'),
};

const pathValue = fc.oneof(
  fc.constantFrom('xz-2019', 'pub-2018', 'tax', 'police', creditCode(1), creditCode(2), '91310110666007217T', 'nowhere', ...PROTOTYPE_NAMES),
  text.map(percentEncoded),
  fc.constantFrom('%E0%A4%A', '%00', '..%2F..%2Fetc', '%2e%2e', 'a'.repeat(2000), '%F0%9F%98%80', '%uD800'),
);

const queryPart = fc.tuple(
  fc.oneof(fc.constantFrom('asOf', 'limit', 'from', 'after', 'date', 'agencyId', 'campaign', 'x', '__proto__', 'constructor', '__proto__[polluted]', 'a[b][c]'), text.map(percentEncoded)),
  fc.oneof(
    fc.constantFrom('2019-12-31', '2019-12-31T23:59:59Z', '2019-02-30', '0x10', '1e3', '-1', '16', '', '99999999999999999999', 'tax', 'xz-2019', 'constructor'),
    text.map(percentEncoded),
  ),
).map(([k, v]) => `${k}=${v}`);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const headers = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/JSON', 'x/y', ''),
    accept: fc.constantFrom('*/*', 'application/json', 'text/csv', 'text/html', 'application/problem+json'),
    'if-none-match': headerValue,
    'x-request-id': headerValue,
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1', 'garbage', '1.2.3.4, 5.6.7.8'),
    'x-custom': headerValue,
  },
  { requiredKeys: [] },
);

/** A parameter's value: three times in four one the seeded world has, else anything at all. */
const parameter = (name: string) => fc.oneof({ weight: 3, arbitrary: AIMED[name] ?? pathValue }, { weight: 1, arbitrary: pathValue });

function request(routes: Route[], callers: Caller[]): fc.Arbitrary<Fuzzed> {
  return fc.constantFrom(...routes).chain((route) => {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    // Three times in four a caller the route lets in, so that bodies get past the guard to the pipe.
    const allowed = callers.map((c, i) => ({ c, i })).filter(({ c }) => (route.roles.length === 0 ? !c.authorization : c.role !== undefined && route.roles.includes(c.role))).map(({ i }) => i);
    const anyone = fc.nat({ max: callers.length - 1 });
    const caller = allowed.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: anyone }) : anyone;
    return fc.record({
      route: fc.constant(route),
      // The route's own method seven times in eight.
      otherMethod: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') }),
      values: fc.tuple(...names.map(parameter)),
      query: fc.array(queryPart, { maxLength: 4 }),
      // JSON four times in five, so that bodies reach the parser and the validation pipe.
      json: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      headers,
      body: fc.option(bodyFor(route), { freq: 10, nil: undefined }), // absent one time in ten
      caller,
    });
  }).map(({ route, otherMethod, values, query, json, headers, body, caller }) => {
    let i = 0;
    const path = route.path.replace(/:[A-Za-z]+/g, () => values[i++]);
    const chosen = json ? { ...headers, 'content-type': 'application/json' } : headers;
    const method = otherMethod ?? route.method;
    // No body on GET or HEAD: the server never reads one (Fastify treats them as bodyless), and the
    // client's framing of a HEAD with a body confused what supertest reported as the answer.
    const sent = method === 'GET' || method === 'HEAD' ? undefined : body;
    return { route, method, path, query: query.length ? `?${query.join('&')}` : '', headers: chosen, body: sent, caller };
  });
}

describe('fuzzing every route of the real app', () => {
  let t: TestApp;
  let events: EventStore;
  let routes: Route[];
  let callers: Caller[];

  beforeAll(async () => {
    t = await startApp();
    events = t.app.get<EventStore>(EVENT_STORE);
    routes = routesOf(t.app);
    await openCampaign(t, 'xz-2019');
    await openCampaign(t, 'pub-2018', { year: 2018 });
    const acme = await registered(t, 1);
    await registered(t, 2, { district: 'constructor' });
    expect((await submit(t, acme, 'xz-2019', 'tax', { rating: 'satisfied' })).status).toBe(201);
    await t.http().post('/v1/campaigns/pub-2018/close').set(admin).expect(200);
    await t.settle();
    await t.http().post('/v1/campaigns/pub-2018/publish').set(admin).expect(200);
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const { links } = await invite(t.app, config, 'xz-2019', { filter: {}, graceDays: 7, meta: systemMeta() });
    await t.settle();
    const bearerHeader = (jwt: string) => `Bearer ${jwt}`;
    callers = [
      { name: 'nobody' },
      { name: 'admin', role: 'admin', authorization: bearerHeader(token('admin', 'admin-1')) },
      { name: 'analyst', role: 'analyst', authorization: bearerHeader(token('analyst', 'analyst-1')) },
      { name: 'auditor', role: 'auditor', authorization: bearerHeader(token('auditor', 'auditor-1')) },
      { name: 'enterprise', role: 'enterprise', authorization: bearerHeader(token('enterprise', acme)) },
      { name: 'unregistered enterprise', role: 'enterprise', authorization: bearerHeader(token('enterprise', creditCode(3))) },
      { name: 'invitation link', role: 'enterprise', authorization: bearerHeader(new URL(links[0].link).hash.slice('#t='.length)) },
      { name: 'broken token', authorization: 'Bearer a.b.c' },
    ];
  }, 60_000);
  afterAll(() => t?.close());

  it('finds the routes of every controller', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of ['PUT /v1/campaigns/:id/evaluations/:agencyId', 'POST /v1/campaigns', 'GET /v1/audit/reads', 'POST /v1/admin/imports/enterprises', 'GET /v1/health/ready', 'GET /q/:file']) {
      expect(paths).toContain(expected);
    }
  });

  it('never answers 5xx, answers errors as problem+json, and appends nothing for a refused request', async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(routes, callers), async (r) => {
        const before = await events.headPosition();
        const caller = callers[r.caller];
        let call = t.http()[r.method.toLowerCase() as 'get'](`${r.path}${r.query}`);
        for (const [name, value] of Object.entries(r.headers)) call = call.set(name, value);
        if (caller.authorization) call = call.set('authorization', caller.authorization);
        if (r.body !== undefined) call = call.send(r.body);
        const res = await call.buffer(true).parse((stream, done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `${r.method} ${r.path}${r.query} as ${caller.name} → ${res.status} ${String(res.body).slice(0, 300)}`;
        expect({ what, status: res.status < 500 }).toEqual({ what, status: true });
        if (res.status >= 400 && r.method !== 'HEAD') {
          expect({ what, type: res.headers['content-type'] }).toEqual({ what, type: expect.stringMatching(/^application\/problem\+json/) });
        }
        if (res.status >= 400) {
          const appended = (await events.readAll(before, 100)).filter((e) => e.type !== 'LogSealed');
          const recordedRead = (e: { type: string }) => e.type === 'AuditRead' && caller.name === 'auditor' && (res.status === 404 || res.status === 409);
          expect({ what, appended: appended.filter((e) => !recordedRead(e)).map((e) => e.type) }).toEqual({ what, appended: [] });
        }
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, seed, endOnFailure: true },
    );
    // The run reached the routes: refusals of every kind, and some requests that went through.
    const seen = [...statuses.keys()];
    expect(seen.some((s) => s >= 200 && s < 300)).toBe(true);
    expect(seen).toEqual(expect.arrayContaining([400, 401, 403, 404]));
  });
});
