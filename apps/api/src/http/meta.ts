import { randomUUID } from 'node:crypto';
import { actorOf, CommandMeta, Principal } from '@survey/application';

/** The metadata a command from an HTTP caller carries: who, and a fresh correlation id. */
export const metaOf = (who: Principal): CommandMeta => ({ actor: actorOf(who), correlationId: randomUUID() });
