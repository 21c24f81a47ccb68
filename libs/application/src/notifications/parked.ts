/**
 * Parked notices: the ones the webhook did not take in `maxTries` tries, stored (a read-model
 * document per key, written in the outbox's commits) with their body and last error, so that none
 * is dropped silently. The centre lists them and asks for a retry, which is an event on the log
 * (`NotificationRetryRequested`, stream `notification-retries`): whichever process runs the outbox
 * reads it in order and tries that notice again.
 */
import type { Doc } from '@survey/read-models';

export const PARKED = 'notify-parked';
/** The outbox's name for its checkpoint in the read-model store (it is no projection: a rebuild never touches it). */
export const OUTBOX = 'notifications';
export const RETRIES_STREAM = 'notification-retries';

export type NotificationRetryRequested = { type: 'NotificationRetryRequested'; data: { key: string; at: string } };

export interface ParkedNotice extends Doc {
  key: string;
  /** The body as it was (and will be again) sent, signed. */
  body: string;
  kind: string;
  subject: { type: string; id: string };
  /** Failed tries in all, retries included. */
  tries: number;
  lastError: string;
  parkedAt: string;
}
