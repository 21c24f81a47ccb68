import { randomUUID } from 'node:crypto';
import type { CommandMeta, Principal } from '@survey/application';

/** The metadata a command from an HTTP caller carries: who, and a fresh correlation id. */
export const metaOf = (who: Principal): CommandMeta => ({ actor: { role: who.role, sub: who.sub }, correlationId: randomUUID() });
