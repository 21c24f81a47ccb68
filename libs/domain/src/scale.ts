/**
 * The rating scale of a campaign: ordered levels, best first. Each level has a score (0–100) and
 * two flags: `satisfied` (counts toward the satisfaction rate) and `negative` (a bad review, 差评).
 */
import { Invalid } from './errors';

export interface ScaleLevel {
  id: string;
  label: string;
  score: number;
  satisfied: boolean;
  negative: boolean;
}

export type Scale = readonly ScaleLevel[];

/** The five-level government-service scale: top two satisfied, bottom two negative. */
export const DEFAULT_SCALE: Scale = Object.freeze([
  { id: 'very_satisfied', label: '非常满意 Very satisfied', score: 100, satisfied: true, negative: false },
  { id: 'satisfied', label: '满意 Satisfied', score: 75, satisfied: true, negative: false },
  { id: 'basically_satisfied', label: '基本满意 Basically satisfied', score: 50, satisfied: false, negative: false },
  { id: 'dissatisfied', label: '不满意 Dissatisfied', score: 25, satisfied: false, negative: true },
  { id: 'very_dissatisfied', label: '非常不满意 Very dissatisfied', score: 0, satisfied: false, negative: true },
]);

/** What a level id may be: lower-case letters, digits and _, a letter first, at most 40. */
export const LEVEL_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks a campaign's custom scale; throws Invalid listing every problem. */
export function validateScale(scale: Scale): void {
  const problems: string[] = [];
  if (scale.length < 2 || scale.length > 11) problems.push('a scale needs between 2 and 11 levels');
  const ids = new Set<string>();
  scale.forEach((level, i) => {
    if (!LEVEL_ID_PATTERN.test(level.id)) problems.push(`level ${i}: id must be lower-case letters, digits or _`);
    if (ids.has(level.id)) problems.push(`level ${i}: duplicate id ${level.id}`);
    ids.add(level.id);
    if (!Number.isFinite(level.score) || level.score < 0 || level.score > 100) problems.push(`level ${i}: score must be 0–100`);
    if (level.satisfied && level.negative) problems.push(`level ${i}: cannot be both satisfied and negative`);
    if (i > 0 && level.score > scale[i - 1].score) problems.push(`level ${i}: levels must be ordered best first`);
  });
  if (!scale.some((l) => l.satisfied)) problems.push('at least one level must count as satisfied');
  if (problems.length) throw Invalid.because('invalid scale', problems.map((message) => ({ field: 'scale', message })));
}

export function levelOf(scale: Scale, id: string): ScaleLevel | undefined {
  return scale.find((l) => l.id === id);
}
