/**
 * The methodology a published figure was computed with, and its hash: ResultsPublished records
 * both, so that years later a verification can tell a figure that no longer reproduces from one
 * computed under other rules. FORMULA_VERSION names the way this library turns counts into figures;
 * bump it whenever a change here (rounding, intervals, tests, what counts) would change a figure.
 */
import { createHash } from 'node:crypto';

export const FORMULA_VERSION = 1;

export interface Methodology {
  formulaVersion: number;
  scale: { id: string; label: string; score: number; satisfied: boolean; negative: boolean }[];
  questions: { id: string; text: string }[];
}

export function methodologyOf(campaign: Pick<Methodology, 'scale' | 'questions'>, formulaVersion = FORMULA_VERSION): Methodology {
  return {
    formulaVersion,
    scale: campaign.scale.map(({ id, label, score, satisfied, negative }) => ({ id, label, score, satisfied, negative })),
    questions: campaign.questions.map(({ id, text }) => ({ id, text })),
  };
}

/**
 * JSON with object keys sorted at every depth and no whitespace, so the same value always gives
 * the same bytes whatever order its keys were built in. Arrays keep their order (a scale's order
 * is part of it).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not representable in JSON: ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `sha256:` and the hex digest of the methodology's canonical JSON (UTF-8). */
export function methodologyHash(methodology: Methodology): string {
  return `sha256:${createHash('sha256').update(canonicalJson(methodology), 'utf8').digest('hex')}`;
}
