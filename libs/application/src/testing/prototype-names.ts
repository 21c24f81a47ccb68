/**
 * Generated test worlds whose text spells the members of Object.prototype and Function.prototype
 * (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, `length`, `name`…) more often than
 * not, and random text otherwise: campaign, agency, question and level ids (each within the
 * pattern the domain holds it to, where it holds one), districts, industries, sizes, names and
 * comments. For the property test of user-text keys (../reports/user-text.property.spec.ts).
 */
import fc from 'fast-check';
import { AGENCY_ID_PATTERN, LEVEL_ID_PATTERN } from '@survey/domain';
import type { EnterpriseProfile, ScaleLevel } from '@survey/domain';

export const PROTOTYPE_NAMES: readonly string[] = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype', '__proto__']),
];

const named = (names: readonly string[], random: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: random });

/** Any text: a prototype member's name, or a few random characters (any Unicode). */
export const anyText = named(PROTOTYPE_NAMES, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }));
/** Campaign and agency ids (lower-case letters, digits and hyphens): `constructor`, `length`, `name`, `call`… */
export const anId = named(PROTOTYPE_NAMES.filter((n) => AGENCY_ID_PATTERN.test(n)), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,5}$/));
/** Level ids (lower-case letters, digits and _). */
export const aLevelId = named(PROTOTYPE_NAMES.filter((n) => LEVEL_ID_PATTERN.test(n)), fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/));

export interface CampaignSpec {
  id: string;
  year: number;
  agencies: string[];
  /** Question ids are any text: only the API's DTO holds them to a pattern. */
  questions: string[];
  scale: ScaleLevel[];
}

/** Picks one of a list by index (most of the time), or any text (something not on the list). */
export type Pick = { index: number } | { text: string };
const aPick = (text: fc.Arbitrary<string>): fc.Arbitrary<Pick> =>
  fc.oneof({ weight: 4, arbitrary: fc.nat().map((index) => ({ index })) }, { weight: 1, arbitrary: text.map((t) => ({ text: t })) });

export type Action =
  | { kind: 'submit'; campaign: number; enterprise: number; agency: Pick; rating: Pick; answers: [Pick, Pick][]; comment: string | null }
  | { kind: 'withdraw' | 'invalidate'; campaign: number; enterprise: number; agency: Pick }
  | { kind: 'move'; enterprise: number; profile: EnterpriseProfile }
  | { kind: 'revoke'; campaign: number; enterprise: number };

export interface World {
  campaigns: CampaignSpec[];
  enterprises: EnterpriseProfile[];
  /** Per campaign, which enterprises are invited at the start. */
  invited: boolean[][];
  actions: Action[];
}

/** Best first: scores 100 down, the top half satisfied, the last one negative unless satisfied. */
function scaleOf(ids: string[]): ScaleLevel[] {
  const satisfied = Math.ceil(ids.length / 2);
  return ids.map((id, i) => ({ id, label: `level ${id}`, score: Math.round(100 - (100 * i) / (ids.length - 1)), satisfied: i < satisfied, negative: i === ids.length - 1 && i >= satisfied }));
}

const aProfile: fc.Arbitrary<EnterpriseProfile> = fc.record({ name: anyText, district: anyText, industry: anyText, size: anyText })
  .map((p) => p as EnterpriseProfile); // industry and size too: the log may hold what no decider would accept today

const aCampaign = fc.record({
  agencies: fc.uniqueArray(anId, { minLength: 1, maxLength: 4 }),
  questions: fc.uniqueArray(anyText, { maxLength: 3 }),
  levels: fc.uniqueArray(aLevelId, { minLength: 2, maxLength: 4 }),
});

export const aWorld: fc.Arbitrary<World> = fc
  .record({
    ids: fc.uniqueArray(anId, { minLength: 1, maxLength: 2 }),
    campaigns: fc.array(aCampaign, { minLength: 2, maxLength: 2 }),
    enterprises: fc.array(aProfile, { minLength: 1, maxLength: 5 }),
    invited: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 2 }),
    actions: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.record({ kind: fc.constant('submit' as const), campaign: fc.nat(), enterprise: fc.nat(), agency: aPick(anId), rating: aPick(aLevelId), answers: fc.array(fc.tuple(aPick(anyText), aPick(aLevelId)), { maxLength: 3 }), comment: fc.option(anyText) }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('withdraw' as const, 'invalidate' as const), campaign: fc.nat(), enterprise: fc.nat(), agency: aPick(anId) }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), enterprise: fc.nat(), profile: aProfile }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke' as const), campaign: fc.nat(), enterprise: fc.nat() }) },
      ),
      { maxLength: 40 },
    ),
  })
  .map(({ ids, campaigns, enterprises, invited, actions }) => ({
    campaigns: ids.map((id, i) => ({ id, year: 2018 + i, agencies: campaigns[i].agencies, questions: campaigns[i].questions, scale: scaleOf(campaigns[i].levels) })),
    enterprises,
    invited,
    actions,
  }));

/** What a Pick picks from `list`: the item at its index (modulo), or its text. */
export const picked = (pick: Pick, list: readonly string[]): string => ('index' in pick ? (list.length ? list[pick.index % list.length] : '') : pick.text);
