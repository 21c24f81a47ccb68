/** The verified-token cache answers exactly as verifyToken would at that second, only cheaper. */
import jwt from 'jsonwebtoken';
import { creditCode } from '@survey/domain/testing';
import { TokenError, verifyToken } from './tokens';
import { VerifiedTokens } from './verified-tokens';

const secret = 'test-secret-of-enough-length-for-hs256';
const T = 1_900_000_000; // a fixed "now", in seconds
const sign = (claims: Record<string, unknown>) => jwt.sign({ iat: T, exp: T + 600, ...claims }, secret, { algorithm: 'HS256' });
const acme = creditCode(1);

/** What verifyToken says at `nowS`: the principal, or the TokenError's message. */
const direct = (token: string, nowS: number) => {
  try {
    return verifyToken(token, secret, { nowS });
  } catch (e) {
    if (e instanceof TokenError) return `refused: ${e.message}`;
    throw e;
  }
};
const cached = (tokens: VerifiedTokens, token: string, nowS: number) => {
  try {
    return tokens.verify(token, nowS);
  } catch (e) {
    if (e instanceof TokenError) return `refused: ${e.message}`;
    throw e;
  }
};

describe('VerifiedTokens', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['an enterprise', { role: 'enterprise', sub: acme }],
    ['an analyst', { role: 'analyst', sub: 'ana' }],
    ['an agency', { role: 'agency', sub: 'officer', agencyId: 'constructor' }],
    ['an invitation link', { role: 'enterprise', sub: acme, cid: 'xz-2019', inv: T * 1000 }],
  ])('gives %s the principal verifyToken gives, the second time from memory', (_, claims) => {
    const tokens = new VerifiedTokens(secret);
    const token = sign(claims);
    const verify = jest.spyOn(jwt, 'verify');
    expect(cached(tokens, token, T)).toEqual(direct(token, T));
    verify.mockClear();
    expect(cached(tokens, token, T + 1)).toEqual(direct(token, T + 1));
    expect(verify).toHaveBeenCalledTimes(1); // the direct call only
  });

  it('refuses a token from the second jsonwebtoken would, exp plus the 30 s skew, though it was verified before', () => {
    const tokens = new VerifiedTokens(secret);
    const token = sign({ role: 'analyst', sub: 'ana' });
    expect(cached(tokens, token, T)).toMatchObject({ role: 'analyst' });
    const lastGood = T + 600 + 29;
    expect(cached(tokens, token, lastGood)).toEqual(direct(token, lastGood));
    expect(cached(tokens, token, lastGood)).toMatchObject({ role: 'analyst' });
    expect(cached(tokens, token, lastGood + 1)).toEqual(direct(token, lastGood + 1));
    expect(cached(tokens, token, lastGood + 1)).toBe('refused: invalid token: jwt expired');
  });

  it('verifies again when the clock is set back before the moment it was verified', () => {
    const tokens = new VerifiedTokens(secret);
    const token = sign({ role: 'analyst', sub: 'ana', iat: T + 100 }); // iat 100 s ahead of T
    expect(cached(tokens, token, T + 100)).toMatchObject({ role: 'analyst' });
    expect(cached(tokens, token, T)).toBe('refused: invalid token: iat is in the future');
    expect(cached(tokens, token, T)).toEqual(direct(token, T));
  });

  it('keeps no refusal: a bad token costs a full check every time, and stays refused', () => {
    const tokens = new VerifiedTokens(secret);
    const forged = jwt.sign({ role: 'admin', sub: 'x', iat: T, exp: T + 60 }, 'another-secret-of-enough-length-for-hs', { algorithm: 'HS256' });
    const verify = jest.spyOn(jwt, 'verify');
    for (let i = 0; i < 3; i++) expect(cached(tokens, forged, T)).toBe('refused: invalid token: invalid signature');
    expect(verify).toHaveBeenCalledTimes(3);
    expect(tokens.size).toBe(0);
  });

  it('keeps a token under the lifetime limit it was verified with', () => {
    const tokens = new VerifiedTokens(secret, { maxLifetimeDays: 1 });
    const long = sign({ role: 'analyst', sub: 'ana', exp: T + 2 * 86_400 });
    expect(cached(tokens, long, T)).toBe('refused: invalid token: it may be valid for at most 1 day (exp after iat)');
  });

  it('answers every request with a principal of its own', () => {
    const tokens = new VerifiedTokens(secret);
    const token = sign({ role: 'enterprise', sub: acme, cid: 'xz-2019', inv: 1 });
    const first = tokens.verify(token, T);
    const second = tokens.verify(token, T);
    expect(second).not.toBe(first);
    expect(second.invitation).not.toBe(first.invitation);
    first.sub = 'changed';
    first.invitation!.campaignId = 'changed';
    expect(tokens.verify(token, T)).toMatchObject({ sub: acme, invitation: { campaignId: 'xz-2019' } });
  });

  it('holds at most `max` tokens, the least recently used leaving first', () => {
    const tokens = new VerifiedTokens(secret, {}, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => sign({ role: 'analyst', sub }));
    tokens.verify(a, T);
    tokens.verify(b, T);
    tokens.verify(a, T); // a is now the most recent
    tokens.verify(c, T);
    expect(tokens.size).toBe(2);
    const verify = jest.spyOn(jwt, 'verify');
    tokens.verify(a, T);
    expect(verify).toHaveBeenCalledTimes(0);
    tokens.verify(b, T);
    expect(verify).toHaveBeenCalledTimes(1); // b had left
  });
});
