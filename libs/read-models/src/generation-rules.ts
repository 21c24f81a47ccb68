/**
 * The rules of read-model generations (./generations.ts), as pure functions both adapters call
 * inside their own transactions: which generation is active and which building, what a rebuild's
 * begin does and whose claim holds, which generation a commit may write, when a switch may happen
 * and which generation may be dropped. The adapters only read and write what these decide.
 */
import { BuilderClaim, GenerationBusy, Generations, NO_GENERATIONS } from './generations';

/** A projection's generations as stored, with the claim on the building one (absent: never claimed). */
export interface HeldGenerations extends Generations {
  builder?: string | null;
  /** When the claim lapses unrenewed, in ms since the epoch. */
  leaseUntil?: number | null;
}

/** A builder's claim as stored. */
export interface Lease {
  builder: string;
  leaseUntil: number;
}

/** The generations stored for a projection (nothing stored: never rebuilt, generation 0 active). */
export function generationsOf(held: Generations | null | undefined): Generations {
  return held ? { active: held.active, building: held.building } : { ...NO_GENERATIONS };
}

/** The claim a builder must respect, or null: another builder's, not yet expired at `now`. */
export function busyProblem(projection: string, held: Pick<HeldGenerations, 'building' | 'builder' | 'leaseUntil'>, claim: BuilderClaim, now: number): string | null {
  if (held.building === null || !held.builder || held.builder === claim.builder || (held.leaseUntil ?? 0) <= now) return null;
  return `generation ${held.building} of projection ${projection} is being built by ${held.builder} (claim renewed until ${new Date(held.leaseUntil!).toISOString()}); one rebuild of a projection at a time`;
}

/** The generation a new rebuild folds into: above every generation used so far. */
export function nextGeneration(g: Generations): number {
  return Math.max(g.active, g.building ?? 0) + 1;
}

/** What a begin stores: the generations with the one to build, and the claim. */
export interface Beginning extends Generations {
  /** The generation under way (a rebuild resumes it), or a new one above every other. */
  building: number;
  /** True when `building` is new: it is stored, and any claim left from an earlier one goes. */
  fresh: boolean;
  /** The claim this begin takes or renews; null when it claims nothing (a claim held stays as it is). */
  lease: Lease | null;
}

/**
 * What beginning a rebuild does to the generations held (null: never rebuilt). Another builder's
 * claim, not expired at `now`, refuses it with GenerationBusy, so two rebuilds never fold into the
 * same generation.
 */
export function beginning(projection: string, held: HeldGenerations | null | undefined, claim: BuilderClaim | undefined, now: number): Beginning {
  const g = generationsOf(held);
  const busy = claim && held ? busyProblem(projection, held, claim, now) : null;
  if (busy) throw new GenerationBusy(busy);
  return {
    active: g.active,
    building: g.building ?? nextGeneration(g),
    fresh: g.building === null,
    lease: claim ? { builder: claim.builder, leaseUntil: now + claim.leaseMs } : null,
  };
}

/** Why a write to this generation is refused, or null when it may be written: only the active and the building one may. */
export function fenceProblem(projection: string, generation: number, g: Generations): string | null {
  if (generation === g.active || generation === g.building) return null;
  return `generation ${generation} of projection ${projection} is retired (the active one is ${g.active})`;
}

/** Why a switch to this generation cannot be asked for, or null: only the building generation can become active. */
export function switchProblem(projection: string, generation: number, g: Generations): string | null {
  return g.building === generation ? null : `generation ${generation} of projection ${projection} is not being built`;
}

/** Whether readers may be switched over: the new generation has folded at least as far as the active one, so they never go back in time. */
export function maySwitch(positions: { building: number; active: number }): boolean {
  return positions.building >= positions.active;
}

/** Why this generation may not be dropped, or null: the active and the building one are in use. */
export function dropProblem(projection: string, generation: number, g: Generations): string | null {
  return generation === g.active || generation === g.building ? `generation ${generation} of projection ${projection} is in use` : null;
}
