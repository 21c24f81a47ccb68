/**
 * How the `reports` projection remembers a ballot's current rating for one agency (to undo it when
 * revised or withdrawn) in a few characters instead of the event's whole answers object: the
 * rating's and each answer's position in the campaign's scale, in the campaign's question order.
 * A rebuild writes one ballot document per enterprise and campaign (most of the projection's
 * bytes), so this is most of what it writes and serialises; and the fold no longer keeps every
 * event's answers object alive in the projector's cache, which the garbage collector paid for.
 *
 * A rating this cannot spell (a level or question the campaign does not define, an older event's
 * shape) is kept as it always was, `[rating, answers]`; and documents written before read as
 * they stand, so stores folded by an earlier version stay valid without a rebuild.
 */
import { getOwn, keyed, ownKeys, setOwn } from '@survey/domain';
import type { Keyed } from '@survey/domain';

/** A kept rating as the event gave it: [rating, question id → level id]. */
export type KeptRating = [rating: string, answers: Keyed<string>];

/** A kept rating as stored: the tuple, or the few characters `encodeKept` makes of it. */
export type StoredRating = KeptRating | string;

/** What a campaign defines that the code refers to by position. */
export interface RatingVocabulary {
  readonly questions?: readonly { readonly id: string }[];
  readonly scale?: readonly { readonly id: string }[];
}

/** A level's position, written as the character 48 + position ('0', '1', … up to 'z'). */
const FIRST = 48;
const LAST = 122;
/** The character written for a question the answers leave out. */
const NO_ANSWER = '-';

interface Codec {
  readonly questions: readonly string[];
  readonly levels: readonly string[];
  readonly levelChar: Map<string, string>;
}

const codecs = new WeakMap<RatingVocabulary, Codec>();

function codecOf(campaign: RatingVocabulary): Codec | undefined {
  let codec = codecs.get(campaign);
  if (codec) return codec;
  const questions = (campaign.questions ?? []).map((q) => q.id);
  const levels = (campaign.scale ?? []).map((l) => l.id);
  // More levels than characters, or the same id twice: the positions would not say one level each.
  if (levels.length === 0 || levels.length > LAST - FIRST + 1 || new Set(levels).size !== levels.length) return undefined;
  if (new Set(questions).size !== questions.length) return undefined;
  codec = { questions, levels, levelChar: new Map(levels.map((id, i) => [id, String.fromCharCode(FIRST + i)])) };
  codecs.set(campaign, codec);
  return codec;
}

/** The rating as stored: a string when every level and question is the campaign's, else the tuple. */
export function encodeKept(campaign: RatingVocabulary | undefined, rating: string, answers: Keyed<string>): StoredRating {
  const codec = campaign && codecOf(campaign);
  const ratingChar = codec?.levelChar.get(rating);
  if (!codec || ratingChar === undefined) return [rating, answers];
  let code = ratingChar;
  let spelled = 0;
  for (const question of codec.questions) {
    const level = getOwn(answers, question);
    if (level === undefined) {
      code += NO_ANSWER;
      continue;
    }
    const char = typeof level === 'string' ? codec.levelChar.get(level) : undefined;
    if (char === undefined) return [rating, answers];
    code += char;
    spelled++;
  }
  // An answer to a question the campaign does not ask: only the tuple keeps it.
  if (spelled !== ownKeys(answers).length) return [rating, answers];
  return code;
}

/** The rating a stored one stands for; a string is read with the campaign it was written with. */
export function decodeKept(campaign: RatingVocabulary | undefined, stored: StoredRating): KeptRating {
  if (typeof stored !== 'string') return stored;
  const codec = campaign && codecOf(campaign);
  if (!codec || stored.length !== codec.questions.length + 1) throw new Error(`a kept rating ${JSON.stringify(stored)} does not fit its campaign's questions and scale`);
  const levelAt = (i: number) => {
    const level = codec.levels[stored.charCodeAt(i) - FIRST];
    if (level === undefined) throw new Error(`a kept rating ${JSON.stringify(stored)} names no level of its campaign's scale`);
    return level;
  };
  const answers = keyed<string>();
  codec.questions.forEach((question, k) => {
    if (stored[k + 1] !== NO_ANSWER) setOwn(answers, question, levelAt(k + 1));
  });
  return [levelAt(0), answers];
}
