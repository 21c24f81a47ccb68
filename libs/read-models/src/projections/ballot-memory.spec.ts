/** The reports projection's kept ratings: spelled small when the campaign allows, read back the same. */
import { DEFAULT_QUESTIONS, DEFAULT_SCALE, keyed, toMap } from '@survey/domain';
import type { Keyed } from '@survey/domain';
import { decodeKept, encodeKept } from './ballot-memory';

const campaign = { questions: DEFAULT_QUESTIONS, scale: DEFAULT_SCALE };
const answers = (entries: [string, string][]): Keyed<string> => keyed(entries);
const roundTrip = (rating: string, given: Keyed<string>, definition: object | undefined = campaign) => {
  const stored = encodeKept(definition, rating, given);
  // Stored as JSON, as the projector's store keeps it.
  const [back, backAnswers] = decodeKept(definition, JSON.parse(JSON.stringify(stored)) as typeof stored);
  return { stored, rating: back, answers: toMap(backAnswers) };
};

describe('kept ratings', () => {
  it('spell a full rating as one character per level, in question order, and read back the same', () => {
    const given = answers([['policy', 'very_dissatisfied'], ['efficiency', 'satisfied'], ['attitude', 'very_satisfied'], ['integrity', 'dissatisfied']]);
    const back = roundTrip('basically_satisfied', given);
    expect(back.stored).toBe('21034'); // basically_satisfied = 2; efficiency, attitude, integrity, policy
    expect(back.rating).toBe('basically_satisfied');
    expect(back.answers).toEqual(toMap(given));
  });

  it('mark the questions left unanswered', () => {
    const back = roundTrip('satisfied', answers([['attitude', 'satisfied']]));
    expect(back.stored).toBe('1-1--');
    expect(back.answers).toEqual(new Map([['attitude', 'satisfied']]));
    expect(roundTrip('satisfied', keyed()).stored).toBe('1----');
  });

  it.each([
    ['a rating the scale lacks', 'delighted', answers([['policy', 'satisfied']])],
    ['an answer at a level the scale lacks', 'satisfied', answers([['policy', 'delighted']])],
    ['an answer to a question the campaign does not ask', 'satisfied', answers([['policy', 'satisfied'], ['__proto__', 'satisfied']])],
  ])('keep %s as the tuple it was, and read it back the same', (_, rating, given) => {
    const back = roundTrip(rating, given);
    expect(Array.isArray(back.stored)).toBe(true);
    expect(back.rating).toBe(rating);
    expect(back.answers).toEqual(toMap(given));
  });

  it('keep the tuple when the campaign is unknown or defines no scale (an older shape)', () => {
    expect(encodeKept(undefined, 'satisfied', answers([]))).toEqual(['satisfied', answers([])]);
    expect(Array.isArray(roundTrip('satisfied', answers([]), { questions: DEFAULT_QUESTIONS }).stored)).toBe(true);
  });

  it('read tuples written before as they stand', () => {
    const kept = answers([['efficiency', 'satisfied']]);
    expect(decodeKept(campaign, ['satisfied', kept])).toEqual(['satisfied', kept]);
  });

  it('refuse a spelled rating that does not fit the campaign, rather than count the wrong levels', () => {
    expect(() => decodeKept(campaign, '21')).toThrow(/does not fit/);
    expect(() => decodeKept(campaign, '2103z')).toThrow(/names no level/);
    expect(() => decodeKept(undefined, '21034')).toThrow(/does not fit/);
  });
});
