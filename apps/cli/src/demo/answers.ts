/**
 * What an evaluation says besides its rating: per-question levels that stay close to the overall
 * rating (some questions lean better or worse), and now and then a comment whose tone fits.
 * Answer objects are interned and frozen: there are at most 6^4 different ones, and sharing them
 * keeps half a million evaluations small in memory.
 */
import { COMPLAINTS, PRAISE, SUGGESTIONS } from './comments.data';
import { LEVEL_IDS, QUESTION_IDS, type Answers } from './demo-types';
import { intBelow, type Rng } from './prng';

const SAME_LEVEL = 0.62;
/** Chance, per question, of answering one level better than the rating (else worse). */
const BETTER = [0.18, 0.22, 0.26, 0.12];
const ALL_QUESTIONS = 0.9;
const SOME_QUESTIONS = 0.08;
const COMMENT_SHARE = 0.03;

const { max, min, floor } = Math; // see prng.ts: no global lookups in hot code
const PLACE = QUESTION_IDS.map((_, q) => 6 ** q);
const interned: (Answers | undefined)[] = new Array(6 ** QUESTION_IDS.length);

export function drawAnswers(rng: Rng, rating: number): Answers {
  const u = rng();
  let key = 0;
  if (u < ALL_QUESTIONS) {
    for (let q = 0; q < 4; q++) key += answer(rng, rating, q);
  } else if (u < ALL_QUESTIONS + SOME_QUESTIONS) {
    const asked = [0, 1, 2, 3];
    const count = 1 + intBelow(rng, 3);
    for (let k = 0; k < count; k++) {
      const j = k + intBelow(rng, 4 - k);
      [asked[k], asked[j]] = [asked[j], asked[k]];
      key += answer(rng, rating, asked[k]);
    }
  }
  return (interned[key] ??= decode(key));
}

/** Question q's level, as its digit in the interning key. */
function answer(rng: Rng, rating: number, q: number): number {
  const v = rng();
  const level = v < SAME_LEVEL ? rating : v < SAME_LEVEL + BETTER[q] ? max(0, rating - 1) : min(4, rating + 1);
  return (level + 1) * PLACE[q];
}

function decode(key: number): Answers {
  const answered = QUESTION_IDS.flatMap((q, i) => {
    const level = floor(key / PLACE[i]) % 6;
    return level > 0 ? [[q, LEVEL_IDS[level - 1]] as const] : [];
  });
  return Object.freeze(Object.fromEntries(answered)) as Answers;
}

export function drawComment(rng: Rng, rating: number): string | null {
  if (rng() >= COMMENT_SHARE) return null;
  const list = rating <= 1 ? PRAISE : rating === 2 ? SUGGESTIONS : COMPLAINTS;
  return list[intBelow(rng, list.length)];
}

/** The level an enterprise first gave before revising to `rating`: a neighbour of it. */
export function earlierLevel(rng: Rng, rating: number): number {
  if (rating === 0) return 1;
  if (rating === 4) return 3;
  return rng() < 0.5 ? rating - 1 : rating + 1;
}
