/** Who asked and under which correlation id: every command carries it into the event metadata. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@survey/event-store';

export interface CommandMeta {
  actor: Actor;
  correlationId: string;
}

export const systemMeta = (sub = 'system'): CommandMeta => ({ actor: { role: 'system', sub }, correlationId: randomUUID() });
