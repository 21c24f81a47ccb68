/**
 * What never reaches a log line: bearer tokens (the Authorization header, a token a client puts in
 * a query string, anything shaped like a JWT), the JWT secret and the webhook secret. Pure, so the
 * rules are unit-tested; root-logger.ts applies them to every line of every process.
 */

export const REDACTED = '[redacted]';

/**
 * Paths pino censors in the objects logged (pino's `redact`, fast-redact syntax). Requests are
 * logged by their id, method, route and URL only, but a header object or a configuration logged by
 * mistake must not leak either.
 */
export const REDACT_PATHS: readonly string[] = [
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization', 'req.headers.authorization',
  'cookie', '*.cookie', 'headers.cookie', '*.headers.cookie', 'req.headers.cookie',
  'token', '*.token', 'jwtSecret', '*.jwtSecret', 'secret', '*.secret',
  'SURVEY_JWT_SECRET', '*.SURVEY_JWT_SECRET', 'NOTIFY_WEBHOOK_SECRET', '*.NOTIFY_WEBHOOK_SECRET', 'METRICS_TOKEN', '*.METRICS_TOKEN',
];

/** Query parameters whose value is a credential (`t` as in the invitation links' `#t=`, should one be sent as a query). */
const CREDENTIAL_PARAMS = /([?&#;](?:t|token|access_token|jwt|key|secret)=)[^&#;]*/gi;
/** Three base64url parts, the first a JSON header (`eyJ`): a JWT wherever it appears in a text. */
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]+/g;

/** A URL or message with its credentials replaced: the value of a credential parameter, and any JWT. */
export function redactText(text: string): string {
  return text.replace(CREDENTIAL_PARAMS, `$1${REDACTED}`).replace(JWT, REDACTED);
}

/** The literal secrets of this process (SURVEY_JWT_SECRET, NOTIFY_WEBHOOK_SECRET, METRICS_TOKEN), taken out of any text. */
export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  // Only real secrets: a short value (a test's) would blank ordinary words.
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 16);
  if (known.length === 0) return redactText;
  return (text) => {
    let out = redactText(text);
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}
