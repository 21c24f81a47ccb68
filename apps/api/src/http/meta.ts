import { randomUUID } from 'node:crypto';
import { actorOf, CommandMeta, Principal } from '@survey/application';

/**
 * The request a verified principal came with, by its id: that id (X-Request-Id, `reqId` in the
 * logs) is the correlationId of every event the request appends, so one id leads from a log line
 * to the events and back. Weak, so a principal leaves with its request.
 */
const requestIds = new WeakMap<Principal, string>();

export function correlate(who: Principal, requestId: string): void {
  requestIds.set(who, requestId);
}

/** The metadata a command from an HTTP caller carries: who (with an agency's id), and the request's id as the correlation id. */
export const metaOf = (who: Principal): CommandMeta => ({ actor: actorOf(who), correlationId: requestIds.get(who) ?? randomUUID() });
