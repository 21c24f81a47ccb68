/**
 * Submitting, revising and withdrawing evaluations, and reading my own ballot straight after each
 * write. The server clock is set by hand so that submittedAt and revisedAt can be asserted exactly.
 */
import { ManualClock } from '@survey/application';
import { admin, bearer, startApp, TestApp } from './support/app';
import { creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { myBallot, openCampaign, registered, submit, withdraw } from './support/survey';

const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();

describe('evaluations', () => {
  const clock = new ManualClock(T0);
  let t: TestApp;
  let acme: string;
  let beta: string;
  beforeAll(async () => {
    t = await startApp({ clock });
    await openCampaign(t, 'xz-2019');
    acme = await registered(t, 1);
    beta = await registered(t, 2);
  });
  afterAll(() => t.close());

  it('goes submit 201, same again 200, revise 200, withdraw 204, withdraw again 404, submit 201; the ballot follows each write', async () => {
    clock.set(at(0));
    const first = await submit(t, acme, 'xz-2019', 'tax', { rating: 'satisfied' }).expect(201);
    expect(first.body).toEqual({ campaignId: 'xz-2019', agencyId: 'tax', outcome: 'submitted' });
    const v1 = { agencyId: 'tax', rating: 'satisfied', answers: {}, comment: null, submittedAt: at(0), revisedAt: null };
    expect((await myBallot(t, acme, 'xz-2019').expect(200)).body).toEqual({ campaignId: 'xz-2019', evaluations: [v1], invalidated: [], cases: [] });

    clock.set(at(10));
    const same = await submit(t, acme, 'xz-2019', 'tax', { rating: 'satisfied' }).expect(200);
    expect(same.body.outcome).toBe('unchanged');
    expect((await myBallot(t, acme, 'xz-2019')).body.evaluations).toEqual([v1]);

    clock.set(at(20));
    const revision = { rating: 'very_satisfied', answers: { policy: 'satisfied', efficiency: 'very_satisfied' }, comment: '办事很快' };
    expect((await submit(t, acme, 'xz-2019', 'tax', revision).expect(200)).body.outcome).toBe('revised');
    const v2 = { ...v1, ...revision, answers: { efficiency: 'very_satisfied', policy: 'satisfied' }, revisedAt: at(20) };
    expect((await myBallot(t, acme, 'xz-2019')).body.evaluations).toEqual([v2]);
    // The same answers in another key order change nothing.
    const reordered = { ...revision, answers: { efficiency: 'very_satisfied', policy: 'satisfied' } };
    expect((await submit(t, acme, 'xz-2019', 'tax', reordered).expect(200)).body.outcome).toBe('unchanged');

    clock.set(at(30));
    const gone = await withdraw(t, acme, 'xz-2019', 'tax').expect(204);
    expect(gone.text).toBe('');
    expect((await myBallot(t, acme, 'xz-2019')).body.evaluations).toEqual([]);
    expectProblem(await withdraw(t, acme, 'xz-2019', 'tax'), 404, /no current evaluation/);

    clock.set(at(40));
    await submit(t, acme, 'xz-2019', 'tax', { rating: 'dissatisfied' }).expect(201);
    expect((await myBallot(t, acme, 'xz-2019')).body.evaluations).toEqual([
      { agencyId: 'tax', rating: 'dissatisfied', answers: {}, comment: null, submittedAt: at(40), revisedAt: null },
    ]);
  });

  it('keeps one evaluation per agency, and shows an enterprise its own ballot only', async () => {
    clock.set(at(50));
    await submit(t, beta, 'xz-2019', 'police', { rating: 'basically_satisfied' }).expect(201);
    await submit(t, beta, 'xz-2019', 'housing', { rating: 'very_dissatisfied' }).expect(201);
    const mine = (await myBallot(t, beta, 'xz-2019').expect(200)).body.evaluations;
    expect(mine.map((e: { agencyId: string; rating: string }) => [e.agencyId, e.rating])).toEqual([
      ['housing', 'very_dissatisfied'],
      ['police', 'basically_satisfied'],
    ]);
    const theirs = (await myBallot(t, acme, 'xz-2019')).body.evaluations;
    expect(theirs.map((e: { agencyId: string }) => e.agencyId)).toEqual(['tax']);
    // A third enterprise has an empty ballot, not somebody else's.
    expect((await myBallot(t, await registered(t, 3), 'xz-2019').expect(200)).body).toEqual({ campaignId: 'xz-2019', evaluations: [], invalidated: [], cases: [] });
  });

  it('takes the enterprise from the token only: a creditCode in the body is an unknown property', async () => {
    expectInvalid(await submit(t, acme, 'xz-2019', 'police', { rating: 'satisfied', creditCode: beta }), 'creditCode');
    const betaBallot = (await myBallot(t, beta, 'xz-2019')).body.evaluations;
    expect(betaBallot.find((e: { agencyId: string }) => e.agencyId === 'police').rating).toBe('basically_satisfied');
  });

  it('answers 404 for an unknown campaign or an agency out of scope', async () => {
    expectProblem(await submit(t, acme, 'xz-1999', 'tax', { rating: 'satisfied' }), 404, /xz-1999/);
    expectProblem(await submit(t, acme, 'xz-2019', 'zoo', { rating: 'satisfied' }), 404, /zoo/);
    expectProblem(await withdraw(t, acme, 'xz-2019', 'zoo'), 404);
    expectProblem(await myBallot(t, acme, 'xz-1999'), 404);
  });

  it('answers 403 to an enterprise that is not registered, saying so', async () => {
    const stranger = creditCode(99);
    expectProblem(await submit(t, stranger, 'xz-2019', 'tax', { rating: 'satisfied' }), 403, /not registered/);
  });

  it.each([
    ['a rating not on the scale', { rating: 'meh' }, 'rating'],
    ['a missing rating', { comment: 'x' }, 'rating'],
    ['a rating that is not a string', { rating: 5 }, 'rating'],
    ['an answer to an unknown question', { rating: 'satisfied', answers: { speed: 'satisfied' } }, 'answers.speed'],
    ['an answer with a bad level', { rating: 'satisfied', answers: { efficiency: 'great' } }, 'answers.efficiency'],
    ['answers that are not a map of levels', { rating: 'satisfied', answers: { efficiency: 3 } }, 'answers'],
    ['a comment of 2,001 characters', { rating: 'satisfied', comment: '很'.repeat(2001) }, 'comment'],
    ['an unknown property', { rating: 'satisfied', score: 100 }, 'score'],
  ])('answers 400 for %s, and records nothing', async (_, body, field) => {
    expectInvalid(await submit(t, beta, 'xz-2019', 'tax', body), field);
    expect((await myBallot(t, beta, 'xz-2019')).body.evaluations.map((e: { agencyId: string }) => e.agencyId)).not.toContain('tax');
  });

  it('accepts a comment of exactly 2,000 characters (Chinese and an emoji) and keeps it verbatim', async () => {
    const comment = `${'好'.repeat(1999)}👍`; // 2,000 characters, 2,001 UTF-16 code units
    expect([...comment]).toHaveLength(2000);
    await submit(t, beta, 'xz-2019', 'tax', { rating: 'satisfied', comment }).expect(201);
    const tax = (await myBallot(t, beta, 'xz-2019')).body.evaluations.find((e: { agencyId: string }) => e.agencyId === 'tax');
    expect(tax.comment).toBe(comment);
  });

  it('refuses submissions once the clock passes closesAt (409), reports the campaign closed, and publishes it', async () => {
    const closesAt = new Date(T0.getTime() + 3_600_000).toISOString();
    await openCampaign(t, 'short', { opensAt: new Date(T0.getTime() - 60_000).toISOString(), closesAt });
    clock.set(at(60));
    await submit(t, acme, 'short', 'tax', { rating: 'satisfied' }).expect(201);
    clock.set(closesAt);
    expectProblem(await submit(t, acme, 'short', 'police', { rating: 'satisfied' }), 409, /closed/);
    expect((await t.http().get('/v1/campaigns/short').set(bearer('enterprise', acme))).body.status).toBe('closed');
    // Closed by the clock, not by a command: it may be published all the same.
    const published = await t.http().post('/v1/campaigns/short/publish').set(admin).expect(200);
    expect(published.body).toMatchObject({ status: 'published', closedAt: closesAt, published: { evaluations: 1, respondents: 1 } });
    await t.settle(); // public results come from the read model, which folds ResultsPublished a moment later
    expect((await t.http().get('/v1/public/campaigns/short/results').expect(200)).body.satisfaction).toEqual({ rate: 100, low: 20.7, high: 100, n: 1 });
    clock.set(at(70));
  });

  it('takes only its own level ids on a campaign with a custom two-level scale', async () => {
    clock.set(at(80));
    const scale = [
      { id: 'yes', label: '满意', score: 100, satisfied: true, negative: false },
      { id: 'no', label: '不满意', score: 0, satisfied: false, negative: true },
    ];
    const created = await openCampaign(t, 'binary', { scale, questions: [{ id: 'speed', text: '速度' }] });
    expect(created.scale).toEqual(scale);
    expectInvalid(await submit(t, acme, 'binary', 'tax', { rating: 'satisfied' }), 'rating');
    expectInvalid(await submit(t, acme, 'binary', 'tax', { rating: 'yes', answers: { efficiency: 'yes' } }), 'answers.efficiency');
    expectInvalid(await submit(t, acme, 'binary', 'tax', { rating: 'yes', answers: { speed: 'very_satisfied' } }), 'answers.speed');
    await submit(t, acme, 'binary', 'tax', { rating: 'yes', answers: { speed: 'no' } }).expect(201);
    await submit(t, acme, 'binary', 'police', { rating: 'no' }).expect(201);
    const ratings = (await myBallot(t, acme, 'binary')).body.evaluations.map((e: { rating: string }) => e.rating);
    expect(ratings).toEqual(['no', 'yes']);
  });
});
