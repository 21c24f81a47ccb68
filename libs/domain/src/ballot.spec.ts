import { ballotDecider, BallotContext, InvalidateEvaluation, SubmitEvaluation, WithdrawEvaluation } from './ballot';
import { MAX_REASON_CHARACTERS, MAX_TEXT_CHARACTERS } from './text';
import { campaignDecider } from './campaign';
import { fold } from './decider';
import { enterpriseDecider } from './enterprise';
import { Conflict, Forbidden, Invalid, NotFound } from './errors';
import type { CampaignEvent, Rating } from './events';
import { acme, duringCampaign, invalidated, opened, rating, registered, revised, submitted, withdrawn } from './testing/builders';
import { specFor } from './testing/given';

const context = (campaignEvents: CampaignEvent[] = [opened()], now = duringCampaign, isRegistered = true): BallotContext => ({
  campaign: fold(campaignDecider, campaignEvents),
  enterprise: fold(enterpriseDecider, isRegistered ? [registered()] : []),
  now,
});
const given = specFor(ballotDecider, () => context());
const key = { campaignId: 'xz-2019', creditCode: acme };
const submit = (r: Rating): SubmitEvaluation => ({ type: 'SubmitEvaluation', data: { ...key, ...r } });
const withdraw = (agencyId: string): WithdrawEvaluation => ({ type: 'WithdrawEvaluation', data: { ...key, agencyId } });
const invalidate = (agencyId: string, reason = 'duplicate'): InvalidateEvaluation => ({ type: 'InvalidateEvaluation', data: { ...key, agencyId, reason } });

describe('ballot decider', () => {
  describe('submitting', () => {
    it('records a first submission with a copy of the enterprise segment', () =>
      given([]).when(submit(rating('tax', 'satisfied'))).then([submitted(acme, 'tax', 'satisfied')]));
    it('revises a current evaluation that differs', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(submit(rating('tax', 'dissatisfied'))).then([revised(acme, 'tax', 'dissatisfied')]));
    it('changes nothing when the same evaluation is submitted again', () =>
      given([submitted(acme, 'tax', 'satisfied', { answers: { efficiency: 'satisfied' } })])
        .when(submit(rating('tax', 'satisfied', { answers: { efficiency: 'satisfied' } }))).then([]));
    it('treats answers in another key order as the same evaluation', () =>
      given([submitted(acme, 'tax', 'satisfied', { answers: { attitude: 'satisfied', efficiency: 'satisfied' } })])
        .when(submit(rating('tax', 'satisfied', { answers: { efficiency: 'satisfied', attitude: 'satisfied' } }))).then([]));
    it('revises when only the comment changes', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(submit(rating('tax', 'satisfied', { comment: '很好' })))
        .then([revised(acme, 'tax', 'satisfied', { comment: '很好' })]));
    it('is a first submission again after a withdrawal', () =>
      given([submitted(acme, 'tax', 'satisfied'), withdrawn(acme, 'tax')]).when(submit(rating('tax', 'satisfied'))).then([submitted(acme, 'tax', 'satisfied')]));
    it('is a first submission again after an invalidation', () =>
      given([submitted(acme, 'tax', 'satisfied'), invalidated(acme, 'tax')]).when(submit(rating('tax', 'satisfied'))).then([submitted(acme, 'tax', 'satisfied')]));
    it('keeps evaluations of different agencies apart', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(submit(rating('police', 'satisfied'))).then([submitted(acme, 'police', 'satisfied')]));
    it('records the enterprise’s consent to be contacted by the agency, only when given', () =>
      given([]).when(submit(rating('tax', 'dissatisfied', { contactConsent: true }))).then([submitted(acme, 'tax', 'dissatisfied', { contactConsent: true })]));
    it('records no consent field when it is false or absent (an old event without it reads as no consent)', () => {
      given([]).when(submit(rating('tax', 'dissatisfied', { contactConsent: false }))).then([submitted(acme, 'tax', 'dissatisfied')]);
      given([submitted(acme, 'tax', 'dissatisfied')]).when(submit(rating('tax', 'dissatisfied', { contactConsent: false }))).then([]);
    });
    it('revises when only the consent changes, either way', () => {
      given([submitted(acme, 'tax', 'dissatisfied')]).when(submit(rating('tax', 'dissatisfied', { contactConsent: true })))
        .then([revised(acme, 'tax', 'dissatisfied', { contactConsent: true })]);
      given([submitted(acme, 'tax', 'dissatisfied', { contactConsent: true })]).when(submit(rating('tax', 'dissatisfied')))
        .then([revised(acme, 'tax', 'dissatisfied')]);
    });
    it('stores an empty comment as none', () =>
      given([]).when(submit(rating('tax', 'satisfied', { comment: '  ' }))).then([submitted(acme, 'tax', 'satisfied')]));
  });

  describe('rules', () => {
    it('refuses an unknown campaign', () => given([]).when(submit(rating('tax', 'satisfied')), context([])).thenThrows(NotFound, /campaign/));
    it('refuses an agency out of scope', () => given([]).when(submit(rating('zoo', 'satisfied'))).thenThrows(NotFound, /scope/));
    it('refuses an unregistered enterprise, saying so', () =>
      given([]).when(submit(rating('tax', 'satisfied')), context([opened()], duringCampaign, false)).thenThrows(Forbidden, /not registered/));
    it('refuses before the campaign opens', () =>
      given([]).when(submit(rating('tax', 'satisfied')), context([opened()], new Date('2019-10-31T23:59:59Z'))).thenThrows(Conflict, /scheduled/));
    it('refuses at closesAt by the server clock', () =>
      given([]).when(submit(rating('tax', 'satisfied')), context([opened()], new Date('2019-12-31T00:00:00Z'))).thenThrows(Conflict, /closed/));
    it('refuses after an admin closed it', () =>
      given([]).when(submit(rating('tax', 'satisfied')), context([opened(), { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: 'x' } }]))
        .thenThrows(Conflict, /closed/));
    it('refuses a level that is not on the scale', () => given([]).when(submit(rating('tax', 'great'))).thenThrows(Invalid));
    it('refuses an answer to a question the campaign does not ask', () =>
      given([]).when(submit(rating('tax', 'satisfied', { answers: { speed: 'satisfied' } }))).thenThrows(Invalid));
    it('refuses an answer that is not a level', () =>
      given([]).when(submit(rating('tax', 'satisfied', { answers: { efficiency: 'meh' } }))).thenThrows(Invalid));
    it('accepts a comment of exactly 2,000 characters, counting code points', () => {
      const comment = '好'.repeat(MAX_TEXT_CHARACTERS - 1) + '😀';
      given([]).when(submit(rating('tax', 'satisfied', { comment }))).then([submitted(acme, 'tax', 'satisfied', { comment })]);
    });
    it('refuses a comment of 2,001 characters', () =>
      given([]).when(submit(rating('tax', 'satisfied', { comment: '好'.repeat(MAX_TEXT_CHARACTERS + 1) }))).thenThrows(Invalid));
  });

  describe('withdrawing', () => {
    it('withdraws a current evaluation', () => given([submitted(acme, 'tax', 'satisfied')]).when(withdraw('tax')).then([withdrawn(acme, 'tax')]));
    it('refuses when there is nothing to withdraw', () => given([]).when(withdraw('tax')).thenThrows(NotFound, /no current evaluation/));
    it('refuses twice', () => given([submitted(acme, 'tax', 'satisfied'), withdrawn(acme, 'tax')]).when(withdraw('tax')).thenThrows(NotFound));
    it('refuses once the campaign is closed', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(withdraw('tax'), context([opened()], new Date('2020-01-01T00:00:00Z'))).thenThrows(Conflict));
  });

  describe('invalidating (an auditor)', () => {
    const published: CampaignEvent[] = [
      opened(), { type: 'CampaignClosed', data: { campaignId: 'xz-2019', closedAt: '2019-12-31T00:00:00.000Z' } },
      { type: 'ResultsPublished', data: { campaignId: 'xz-2019', publishedAt: '2020-01-10T00:00:00.000Z', position: 9, figures: {} } },
    ];
    it('invalidates a current evaluation with the reason', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(invalidate('tax')).then([invalidated(acme, 'tax')]));
    it('invalidates a revised evaluation', () =>
      given([submitted(acme, 'tax', 'satisfied'), revised(acme, 'tax', 'dissatisfied')]).when(invalidate('tax')).then([invalidated(acme, 'tax')]));
    it('may invalidate after the campaign is published', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(invalidate('tax'), context(published, new Date('2020-02-01T00:00:00Z'))).then([invalidated(acme, 'tax')]));
    it('refuses when nothing is current: never rated (404)', () => given([]).when(invalidate('tax')).thenThrows(NotFound, /no current evaluation/));
    it('refuses a withdrawn evaluation (404)', () =>
      given([submitted(acme, 'tax', 'satisfied'), withdrawn(acme, 'tax')]).when(invalidate('tax')).thenThrows(NotFound, /no current evaluation/));
    it('refuses twice (404)', () =>
      given([submitted(acme, 'tax', 'satisfied'), invalidated(acme, 'tax')]).when(invalidate('tax')).thenThrows(NotFound, /no current evaluation/));
    it('refuses an unknown campaign and an agency out of scope (404)', () => {
      given([]).when(invalidate('tax'), context([])).thenThrows(NotFound, /campaign/);
      given([]).when(invalidate('zoo')).thenThrows(NotFound, /scope/);
    });
    it('accepts a reason of exactly 500 characters, counting code points', () => {
      const reason = '重'.repeat(MAX_REASON_CHARACTERS - 1) + '😀';
      given([submitted(acme, 'tax', 'satisfied')]).when(invalidate('tax', reason))
        .then([{ type: 'EvaluationInvalidated', data: { ...key, agencyId: 'tax', reason } }]);
    });
    it('keeps the reason as the auditor wrote it, as a ballot keeps its comments', () =>
      given([submitted(acme, 'tax', 'satisfied')]).when(invalidate('tax', ' duplicate\t')).then([invalidated(acme, 'tax', 'xz-2019', ' duplicate\t')]));
    it.each([['blank', '   '], ['empty', ''], ['501 characters', 'x'.repeat(MAX_REASON_CHARACTERS + 1)]])('refuses a %s reason (400)', (_, reason) =>
      given([submitted(acme, 'tax', 'satisfied')]).when(invalidate('tax', reason)).thenThrows(Invalid, /reason/));
  });

  describe('ids that spell an Object.prototype member are ordinary ids', () => {
    const campaign = opened('xz-2019', {
      agencies: [{ id: 'constructor', name: '构造局' }, { id: 'tax', name: '市税务局' }],
      questions: [{ id: 'constructor', text: '效率' }],
    });
    const protoGiven = specFor(ballotDecider, () => context([campaign]));
    const withAnswer = rating('constructor', 'satisfied', { answers: { constructor: 'satisfied' } });
    const submittedWithAnswer = submitted(acme, 'constructor', 'satisfied', { answers: { constructor: 'satisfied' } });
    it('a first rating of agency `constructor` is a submission, its answer to question `constructor` kept', () =>
      protoGiven([]).when(submit(withAnswer)).then([submittedWithAnswer]));
    it('revises it, and changes nothing when it is the same', () => {
      protoGiven([submittedWithAnswer]).when(submit(rating('constructor', 'dissatisfied'))).then([revised(acme, 'constructor', 'dissatisfied')]);
      protoGiven([submittedWithAnswer]).when(submit(withAnswer)).then([]);
    });
    it('refuses to withdraw or invalidate it when it was never rated (404)', () => {
      protoGiven([submitted(acme, 'tax', 'satisfied')]).when(withdraw('constructor')).thenThrows(NotFound, /no current evaluation/);
      protoGiven([]).when(invalidate('constructor')).thenThrows(NotFound, /no current evaluation/);
    });
    it.each(['toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype'])('refuses an answer to %s, which the campaign does not ask, naming it', (question) => {
      const answers = JSON.parse(`{${JSON.stringify(question)}: "satisfied"}`) as Record<string, string>;
      protoGiven([]).when(submit(rating('constructor', 'satisfied', { answers }))).thenThrows(Invalid, new RegExp(`answers\\.${question} not a question`));
    });
    it('keeps an answer to question `__proto__` (a question no DTO allows, but the decider does not care) as an own key', () => {
      const questions = [{ id: '__proto__', text: 'x' }];
      const answers = JSON.parse('{"__proto__": "satisfied"}') as Record<string, string>;
      const [event] = ballotDecider.decide(submit(rating('tax', 'satisfied', { answers })), ballotDecider.initialState(), context([opened('xz-2019', { questions })]));
      expect(Object.keys((event as { data: Rating }).data.answers)).toEqual(['__proto__']);
    });
  });
});
