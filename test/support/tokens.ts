/**
 * Hand-made JWTs for the auth matrix: other algorithms, `alg: none`, custom `exp`, missing claims.
 * jsonwebtoken signs the well-formed ones; the ones it refuses to make are assembled by hand.
 */
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TEST_SECRET } from './app';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** HS256 (unless told otherwise) over exactly these claims: nothing is added, not even `exp`. */
export function signed(claims: Record<string, unknown>, options: { algorithm?: jwt.Algorithm; secret?: string } = {}): string {
  return jwt.sign(claims, options.secret ?? TEST_SECRET, { algorithm: options.algorithm ?? 'HS256' });
}

/** Claims of a token valid for `expiresIn` seconds from now (negative: expired that long ago). */
export const claimsFor = (role: string, sub: string, expiresIn = 600) => ({ role, sub, iat: nowSeconds() - 120, exp: nowSeconds() + expiresIn });

/** `alg: none`: header and payload, and an empty signature. */
export function unsecured(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
}

/** A header that claims `alg` over an HMAC-SHA256 signature made with the right secret. */
export function claimingAlg(alg: string, claims: Record<string, unknown>): string {
  const head = `${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', TEST_SECRET).update(head).digest('base64url')}`;
}

export const withBearer = (jwtText: string) => ({ authorization: `Bearer ${jwtText}` });
