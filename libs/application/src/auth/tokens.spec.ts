/** The token rules of the closed loop's staff: the centre, and an agency bound to its agencyId claim. */
import jwt from 'jsonwebtoken';
import { actorOf, loopActorOf } from './actor';
import { signToken, TokenError, verifyToken } from './tokens';

const secret = 'test-secret-of-enough-length-for-hs256';
const nowS = Math.floor(Date.now() / 1000);
const sign = (claims: Record<string, unknown>) => jwt.sign({ iat: nowS, exp: nowS + 600, ...claims }, secret, { algorithm: 'HS256' });

describe('centre and agency tokens', () => {
  it('takes a centre token', () => expect(verifyToken(sign({ role: 'centre', sub: 'staff-1' }), secret)).toEqual({ role: 'centre', sub: 'staff-1' }));

  it('takes an agency token with its agencyId, whatever the id spells', () => {
    expect(verifyToken(sign({ role: 'agency', sub: 'officer-1', agencyId: 'tax' }), secret)).toEqual({ role: 'agency', sub: 'officer-1', agencyId: 'tax' });
    expect(verifyToken(sign({ role: 'agency', sub: 'officer-1', agencyId: '__proto__' }), secret).agencyId).toBe('__proto__');
  });

  it.each([
    ['no agencyId', {}],
    ['an empty agencyId', { agencyId: '' }],
    ['an agencyId that is not a string', { agencyId: 7 }],
  ])('refuses an agency token with %s', (_, claims) =>
    expect(() => verifyToken(sign({ role: 'agency', sub: 'officer-1', ...claims }), secret)).toThrow(new TokenError('invalid token: an agency token needs agencyId, the agency it works for')));

  it('refuses an agencyId on any other role', () =>
    expect(() => verifyToken(sign({ role: 'centre', sub: 'staff-1', agencyId: 'tax' }), secret)).toThrow(/only an agency token may name an agency/));

  it('refuses an invitation (cid) for staff', () =>
    expect(() => verifyToken(sign({ role: 'agency', sub: 'o', agencyId: 'tax', cid: 'xz-2019', inv: 1 }), secret)).toThrow(/only an enterprise token may name a campaign/));

  it('signs what it verifies, agencyId included', () => {
    expect(verifyToken(signToken({ role: 'agency', sub: 'officer-1', agencyId: 'tax' }, secret), secret)).toEqual({ role: 'agency', sub: 'officer-1', agencyId: 'tax' });
    expect(jwt.decode(signToken({ role: 'centre', sub: 'staff-1' }, secret))).not.toHaveProperty('agencyId');
  });

  it('records an agency’s agencyId in the stored actor, and no such field for others', () => {
    expect(actorOf({ role: 'agency', sub: 'o', agencyId: 'tax' })).toEqual({ role: 'agency', sub: 'o', agencyId: 'tax' });
    expect(actorOf({ role: 'centre', sub: 's' })).toEqual({ role: 'centre', sub: 's' });
    expect(loopActorOf({ role: 'agency', sub: 'o', agencyId: 'tax' })).toEqual({ role: 'agency', sub: 'o', agencyId: 'tax' });
  });
});
