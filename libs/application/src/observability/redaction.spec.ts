import { REDACTED, redactText, secretScrubber } from './redaction';

const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MTMxMDExMDY2NjAwNzIxN1QiLCJyb2xlIjoiZW50ZXJwcmlzZSJ9.c2lnbmF0dXJlLXBhcnQtb2YtaXQ';

describe('redactText', () => {
  it.each([
    [`/q?t=${jwt}`, `/q?t=${REDACTED}`],
    [`/v1/campaigns?x=1&token=abc123&y=2`, `/v1/campaigns?x=1&token=${REDACTED}&y=2`],
    [`/v1/x?access_token=abc#t=def`, `/v1/x?access_token=${REDACTED}#t=${REDACTED}`],
    [`Authorization: Bearer ${jwt} refused`, `Authorization: Bearer ${REDACTED} refused`],
  ])('%s → %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('leaves ordinary URLs and messages alone', () => {
    const texts = ['/v1/campaigns/xz-2019/evaluations/tax', '/v1/reports/trends?agencyId=tax&asOf=2019-12-01', 'request 1 GET /v1/health answered 503: events.db cannot be written'];
    expect(texts.map(redactText)).toEqual(texts);
  });
});

describe('secretScrubber', () => {
  const secret = 'the-jwt-secret-of-at-least-32-characters';
  const webhook = 'whsec-0123456789abcdef';

  it('takes every configured secret out, wherever it appears', () => {
    const scrub = secretScrubber([secret, webhook, undefined]);
    expect(scrub(`signing with ${secret}; webhook ${webhook}; ${secret}`)).toBe(`signing with ${REDACTED}; webhook ${REDACTED}; ${REDACTED}`);
  });

  it('ignores values too short to be secrets, and still redacts tokens', () => {
    const scrub = secretScrubber(['abc', '']);
    expect(scrub(`abc /x?t=${jwt}`)).toBe(`abc /x?t=${REDACTED}`);
  });
});
