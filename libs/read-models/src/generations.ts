/**
 * Read-model generations: what they are, where each is stored, and the errors of their rules
 * (./generation-rules.ts, shared by both adapters). A projection's documents and
 * checkpoint live in one generation at a time for readers (the active one); a rebuild folds the
 * whole log into the next generation beside it, then switches readers over in one step and
 * retires the old one. Generation 0 is stored under the plain names, so read models written
 * before generations existed are generation 0 as they stand; generation g > 0 appends `@g`.
 */

export interface Generations {
  /** The generation readers are served from. */
  active: number;
  /** The generation a rebuild is folding into, or null when none is under way. */
  building: number | null;
}

export const NO_GENERATIONS: Generations = { active: 0, building: null };

/** Who is building a generation, and for how long the claim holds without renewal. */
export interface BuilderClaim {
  builder: string;
  leaseMs: number;
}

/** Another rebuild holds the generation being built. */
export class GenerationBusy extends Error {
  readonly busy = true;
}

/** Where a collection (or a projection's checkpoint) of a generation is stored. */
export function stored(name: string, generation: number): string {
  if (name.includes('@')) throw new Error(`read-model name ${JSON.stringify(name)} may not contain @ (it separates the generation)`);
  if (!Number.isInteger(generation) || generation < 0) throw new RangeError(`a generation is a non-negative integer, got ${generation}`);
  return generation === 0 ? name : `${name}@${generation}`;
}

/**
 * A commit to a generation that has been switched away from. The projector that follows the active
 * generation answers it by starting again on the new one, from that generation's checkpoint.
 */
export class GenerationRetired extends Error {
  readonly retired = true;
}

export function isGenerationRetired(error: unknown): boolean {
  return error instanceof GenerationRetired || (error instanceof Error && (error as { retired?: unknown }).retired === true);
}
