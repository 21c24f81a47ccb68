/**
 * Filing with an `Idempotency-Key`, kept in the log itself (the only source of truth, so it outlives
 * a restart and holds across processes): the request's id is derived from the key and who files
 * (role and subject: one caller's key never meets another's), so a retry names the same stream, and
 * the stream's `no_stream` append lets only the first filing in. The hash of what was filed is in the
 * RequestReceived event: a retry with the same body gets the request filed (200), another body under
 * the key a 422.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { FiledRequest, Unprocessable } from '@survey/domain';
import type { Principal } from '../auth/tokens';
import type { FiledBody } from './file-request.command';

/** A fixed namespace for these ids (any UUID would do; this one must never change). */
const IDEMPOTENT_FILING_NAMESPACE = '8a4f2c1e-5b7d-4e9a-a3c6-0d2e4f6b8a17';

export const MAX_IDEMPOTENCY_KEY_CHARACTERS = 200;

export const idempotentRequestId = (who: Principal, key: string): string => uuidv5(JSON.stringify([who.role, who.sub, key]), IDEMPOTENT_FILING_NAMESPACE);

/** The hash of what was filed, whatever order its members came in; absent members and null alike. */
export function bodyHashOf(body: FiledBody): string {
  const canonical = JSON.stringify([body.category, body.title, body.description, body.agencyId ?? null, body.creditCode ?? null, body.channel ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The request a retry finds: the same when the body is, a 422 otherwise. */
export function sameFiling(filed: FiledRequest, filedHash: string | undefined, bodyHash: string): FiledRequest {
  if (filedHash !== bodyHash) {
    throw new Unprocessable(`this Idempotency-Key was used for request ${filed.requestId} with another body: use a new key for a new request`);
  }
  return filed;
}
