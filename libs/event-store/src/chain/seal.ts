/**
 * What a seal covers, as a pure fold shared by the sealer (which appends seals) and the verifier
 * (which recomputes them): the rolling hash of the log in global order, the number of events, and
 * the short digests of the events since the previous seal.
 */
import { digestOf, DIGEST_LENGTH, GENESIS, rollingHash } from './event-hash';

export interface Seal {
  /** Position of the last event the seal covers. */
  position: number;
  /** Events with a position up to `position`, from the start of the log. */
  count: number;
  rollingHash: string;
  sealedAt: string;
  /** DIGEST_LENGTH hex characters per event since the previous seal, in log order. */
  digests: string;
}

export interface SealState {
  position: number;
  count: number;
  rolling: string;
  digests: string[];
}

export const emptySealState = (): SealState => ({ position: 0, count: 0, rolling: GENESIS, digests: [] });

/** The state right after a seal: what the next seal continues from. */
export const stateAfter = (seal: Seal): SealState => ({ position: seal.position, count: seal.count, rolling: seal.rollingHash, digests: [] });

export function foldEvent(state: SealState, position: number, hash: string): void {
  state.position = position;
  state.count += 1;
  state.rolling = rollingHash(state.rolling, hash);
  state.digests.push(digestOf(hash));
}

export function sealOf(state: SealState, sealedAt: string): Seal {
  return { position: state.position, count: state.count, rollingHash: state.rolling, sealedAt, digests: state.digests.join('') };
}

/** The digests of a seal, one per covered event since the previous seal. */
export function digestsOf(seal: Pick<Seal, 'digests'>): string[] {
  const out: string[] = [];
  for (let i = 0; i < seal.digests.length; i += DIGEST_LENGTH) out.push(seal.digests.slice(i, i + DIGEST_LENGTH));
  return out;
}
