/**
 * Tokens already verified, kept so that a caller's next request with the very same token skips the
 * JWT work (decoding, two JSON parses, an HMAC: about a tenth of a no-op request's CPU in a
 * profile under the bench's hammer). The key is the exact token text, so a token that differs by one character
 * is verified afresh; only successes are kept, so a refused token costs the full check every time.
 * An entry answers only between the second it was verified and the first second jsonwebtoken
 * would refuse the token for its age (`exp` plus the skew): every other rule a token passed stays
 * passed as time moves forward (./tokens.ts, verifyTokenUntil), and a clock set back re-verifies.
 * Bounded (least recently used out first), and each answer is a fresh Principal: a request hangs
 * its own correlation id on its principal (apps/api http/meta.ts).
 */
import { LRUCache } from 'lru-cache';
import { Principal, VerifyOptions, verifyTokenUntil } from './tokens';

interface Verified {
  principal: Principal;
  verifiedAtS: number;
  refusedFromS: number;
}

/**
 * Under 0.5 KB an entry (the token's text, the principal, the cache's bookkeeping), so at most
 * about 25 MB: room for most of a campaign's enterprises (the demo's has 60,512) to be active at
 * once, each verified once.
 */
export const VERIFIED_TOKENS_MAX = 50_000;

export class VerifiedTokens {
  private readonly verified: LRUCache<string, Verified>;

  constructor(
    private readonly secret: string,
    private readonly options: Pick<VerifyOptions, 'maxLifetimeDays'> = {},
    max = VERIFIED_TOKENS_MAX,
  ) {
    this.verified = new LRUCache({ max });
  }

  /** verifyToken's answer for this token now (the same principal, or the same TokenError). */
  verify(token: string, nowS = Math.floor(Date.now() / 1000)): Principal {
    const known = this.verified.get(token);
    if (known && nowS >= known.verifiedAtS && nowS < known.refusedFromS) return copyOf(known.principal);
    const { principal, refusedFromS } = verifyTokenUntil(token, this.secret, { ...this.options, nowS });
    this.verified.set(token, { principal, verifiedAtS: nowS, refusedFromS });
    return copyOf(principal);
  }

  get size(): number {
    return this.verified.size;
  }
}

const copyOf = (p: Principal): Principal => (p.invitation ? { ...p, invitation: { ...p.invitation } } : { ...p });
