/** The validation pipe keeps text under `constructor` and `prototype` (answers to such questions), and refuses anything else there. */
import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { SubmitEvaluationDto } from '../evaluations/submit-evaluation.dto';
import { OpenCampaignDto } from '../campaigns/open-campaign.dto';
import { validationPipe } from './validation';

const body = (text: string) => validationPipe.transform(JSON.parse(text), { type: 'body', metatype: SubmitEvaluationDto });
const refusal = async (text: string) => {
  const error = await body(text).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse() as { errors: { field: string }[] };
};

describe('the validation pipe and user-text keys', () => {
  it('hands every answer on, whatever its question is called', async () => {
    const answers = { constructor: 'satisfied', prototype: 'satisfied', toString: 'satisfied', hasOwnProperty: 'dissatisfied', valueOf: 'satisfied', efficiency: 'satisfied' };
    const dto = (await body(JSON.stringify({ rating: 'satisfied', answers }))) as SubmitEvaluationDto;
    expect(dto).toBeInstanceOf(SubmitEvaluationDto);
    expect(Object.entries(dto.answers!)).toEqual(Object.entries(answers));
  });

  it('refuses, naming the field, an object where text is kept (rather than dropping it)', async () => {
    expect((await refusal('{"rating":"satisfied","answers":{"constructor":{"a":1}}}')).errors).toEqual([{ field: 'answers.constructor', message: 'answers.constructor must be text' }]);
    expect((await refusal('{"rating":"satisfied","prototype":[1]}')).errors.map((e) => e.field)).toEqual(['prototype']);
  });

  it('refuses a property nobody declared that holds an object with a `constructor` member (class-transformer threw on it: a 500)', async () => {
    expect((await refusal('{"rating":"satisfied","extra":{"constructor":"toString"}}')).errors).toEqual([{ field: 'extra', message: 'property extra should not exist' }]);
  });

  it('still refuses an answer that is not text, and a body property nobody declared', async () => {
    expect((await refusal('{"rating":"satisfied","answers":{"constructor":5}}')).errors.map((e) => e.field)).toEqual(['answers.constructor']);
    expect((await refusal('{"rating":"satisfied","answers":{"efficiency":5}}')).errors.map((e) => e.field)).toEqual(['answers']);
    expect((await refusal('{"rating":"satisfied","prototype":"x"}')).errors.map((e) => e.field)).toEqual(['prototype']);
  });

  it('accepts question, agency and level ids called `constructor` in a campaign', async () => {
    const campaign = {
      id: 'constructor', year: 2019, title: 't', opensAt: '2019-11-01T00:00:00.000Z', closesAt: '2019-12-31T00:00:00.000Z',
      agencies: [{ id: 'constructor', name: 'a' }], questions: [{ id: 'constructor', text: 'q' }],
      scale: [{ id: 'constructor', label: 'good', score: 100, satisfied: true, negative: false }, { id: 'poor', label: 'poor', score: 0, satisfied: false, negative: true }],
    };
    const dto = await validationPipe.transform(JSON.parse(JSON.stringify(campaign)), { type: 'body', metatype: OpenCampaignDto });
    expect(JSON.parse(JSON.stringify(dto))).toEqual(campaign);
  });
});
