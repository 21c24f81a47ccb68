/**
 * Bearer tokens: HS256 only (the algorithm is pinned, so `alg: none` or RS256 tokens are refused),
 * `exp` required, 30 s clock skew. An enterprise's identity is its credit code in `sub`.
 * A token may live at most TOKEN_MAX_LIFETIME_DAYS (30 by default) from its `iat`, or from now when
 * it has none, and an `iat` in the future (beyond the skew) is refused: a leaked token signed with
 * `exp: 1e308` would otherwise work for ever. Invitation links are bounded by their campaign's
 * closing instead (checked where the campaign is known: ../invitations/link-standing.handler.ts).
 * The closed loop's staff: `centre` (the enterprise-service centre) and `agency`, whose token must
 * carry the `agencyId` claim (a string) naming the one agency whose cases and requests it works.
 */
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isCreditCode } from '@survey/domain';

// `centre`: the enterprise-service centre's staff (CLOSED-LOOP.md), who work the cases and are told of parked notifications;
// `agency`: an agency's staff, whose token names the agency (agencyId) whose cases they work.
export const ROLES = ['enterprise', 'analyst', 'auditor', 'admin', 'centre', 'agency'] as const;
export type Role = (typeof ROLES)[number];
export interface Principal {
  role: Role;
  sub: string;
  /** Set for an enterprise's invitation link: the campaign it is for and when it was issued (ms). */
  invitation?: InvitationClaims;
  /** Set for an agency's staff (role `agency`): the agency they work for. */
  agencyId?: string;
}
export interface InvitationClaims {
  campaignId: string;
  issuedAtMs: number;
  /** The token's `exp`, in ms. */
  expiresAtMs: number;
}

export const DEFAULT_TOKEN_MAX_LIFETIME_DAYS = 30;
const CLOCK_SKEW_S = 30;
const DAY_S = 86_400;

export interface VerifyOptions {
  maxLifetimeDays?: number;
  /** Seconds since the epoch; the system clock by default. */
  nowS?: number;
}

export class TokenError extends Error {}

/**
 * jsonwebtoken turns a string secret into a key on every call, which measured ~400 µs a token
 * against ~13 µs with a KeyObject made once: the difference between 1.5k and 8k requests/s.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export function verifyToken(token: string, secret: string, options: VerifyOptions = {}): Principal {
  return verifyTokenUntil(token, secret, options).principal;
}

/**
 * A verified token's principal, and the first second at which the same token would be refused for
 * its age: `exp` plus the clock skew, as jsonwebtoken counts it. Every other rule it passed stays
 * passed as the clock moves forward (`iat` or `nbf` in the future, the lifetime counted from now),
 * which is what lets ./verified-tokens.ts keep the answer until then.
 */
export function verifyTokenUntil(token: string, secret: string, options: VerifyOptions = {}): { principal: Principal; refusedFromS: number } {
  const nowS = options.nowS ?? Math.floor(Date.now() / 1000);
  const claims = checkedClaims(token, secret, nowS, options);
  return { principal: principalOf(claims), refusedFromS: claims.exp + CLOCK_SKEW_S };
}

/** The claims of a token whose signature, age and lifetime are right. */
function checkedClaims(token: string, secret: string, nowS: number, options: VerifyOptions): jwt.JwtPayload & { exp: number } {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, keyOf(secret), { algorithms: ['HS256'], clockTolerance: CLOCK_SKEW_S, clockTimestamp: nowS });
  } catch (e) {
    throw new TokenError(`invalid token: ${(e as Error).message}`);
  }
  if (typeof claims !== 'object') throw new TokenError('invalid token: claims must be a JSON object');
  if (typeof claims.exp !== 'number') throw new TokenError('invalid token: exp is required');
  if (claims.iat !== undefined && (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat))) throw new TokenError('invalid token: iat must be a number');
  if (claims.iat !== undefined && claims.iat > nowS + CLOCK_SKEW_S) throw new TokenError('invalid token: iat is in the future');
  const maxDays = options.maxLifetimeDays ?? DEFAULT_TOKEN_MAX_LIFETIME_DAYS;
  if (claims.cid === undefined && claims.exp - (claims.iat ?? nowS) > maxDays * DAY_S) {
    const span = `${maxDays} day${maxDays === 1 ? '' : 's'}`;
    throw new TokenError(`invalid token: it may be valid for at most ${span} (exp ${claims.iat === undefined ? 'from now' : 'after iat'})`);
  }
  return claims as jwt.JwtPayload & { exp: number };
}

/** Who the claims say the caller is, once they are known to be signed and current. */
function principalOf(claims: jwt.JwtPayload): Principal {
  if (!ROLES.includes(claims.role)) throw new TokenError(`invalid token: role must be one of ${ROLES.join(', ')}`);
  if (typeof claims.sub !== 'string' || !claims.sub) throw new TokenError('invalid token: sub is required');
  if (claims.role === 'enterprise' && !isCreditCode(claims.sub)) {
    throw new TokenError('invalid token: an enterprise sub must be a valid credit code (GB 32100-2015)');
  }
  if (claims.cid !== undefined) return { role: claims.role, sub: claims.sub, invitation: invitationClaims(claims) };
  if (claims.role === 'agency') return { role: claims.role, sub: claims.sub, agencyId: agencyIdClaim(claims) };
  if (claims.agencyId !== undefined) throw new TokenError('invalid token: only an agency token may name an agency (agencyId)');
  return { role: claims.role, sub: claims.sub };
}

/** An agency's staff work for one agency: without it the token says nothing they may see. */
function agencyIdClaim(claims: jwt.JwtPayload): string {
  if (typeof claims.agencyId !== 'string' || !claims.agencyId) throw new TokenError('invalid token: an agency token needs agencyId, the agency it works for');
  return claims.agencyId;
}

/** An invitation link's claims: `cid` the campaign, `inv` the issue time in ms (revocation compares it), `jti` its id. */
function invitationClaims(claims: jwt.JwtPayload): InvitationClaims {
  if (claims.role !== 'enterprise') throw new TokenError('invalid token: only an enterprise token may name a campaign (cid)');
  if (typeof claims.cid !== 'string' || !claims.cid) throw new TokenError('invalid token: cid must be a campaign id');
  if (typeof claims.inv !== 'number' || !Number.isFinite(claims.inv)) throw new TokenError('invalid token: an invitation needs inv, its issue time in ms');
  return { campaignId: claims.cid, issuedAtMs: claims.inv, expiresAtMs: claims.exp! * 1000 };
}

/**
 * The token of an enterprise's personal link to one campaign, valid until `expiresAt`. Signed by
 * hand (the same HS256 JWT that verifyToken checks with jsonwebtoken): an invitation run signs one
 * per enterprise, and jsonwebtoken's sign, validating its options each time, took ~50 µs a token
 * against ~15 µs here: 3 s against 1 s for 60,000 links.
 */
export function signInvitationToken(
  link: { creditCode: string; campaignId: string; issuedAtMs: number; expiresAt: string; id: string },
  secret: string,
): string {
  const claims = {
    role: 'enterprise', cid: link.campaignId, inv: link.issuedAtMs, sub: link.creditCode, jti: link.id,
    iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.parse(link.expiresAt) / 1000),
  };
  const body = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', keyOf(secret)).update(body).digest('base64url')}`;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function signToken(principal: Principal, secret: string, expiresInSeconds = 3600): string {
  const claims = principal.agencyId === undefined ? { role: principal.role } : { role: principal.role, agencyId: principal.agencyId };
  return jwt.sign(claims, keyOf(secret), { algorithm: 'HS256', subject: principal.sub, expiresIn: expiresInSeconds });
}
