/**
 * A retry is an event on the log rather than a call into the outbox: the outbox may run in another
 * process (apps/projector), and the request must survive a restart. The outbox reads it in its
 * turn and tries the notice again (up to its tries once more, then parks it again).
 */
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFound } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { DocumentReads, READ_MODEL_STORE } from '@survey/read-models';
import { CLOCK, Clock } from '../runtime/clock';
import { NotificationRetryRequested, PARKED, RETRIES_STREAM } from './parked';
import { RetryAccepted, RetryParkedCommand } from './retry-parked.command';

@CommandHandler(RetryParkedCommand)
export class RetryParkedHandler implements ICommandHandler<RetryParkedCommand> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly docs: DocumentReads,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ key, meta }: RetryParkedCommand): Promise<RetryAccepted> {
    if (!(await this.docs.get(PARKED, key))) throw new NotFound(`no notice is parked under ${JSON.stringify(key)}`);
    const now = this.clock.now().toISOString();
    const event: NotificationRetryRequested = { type: 'NotificationRetryRequested', data: { key, at: now } };
    await this.events.append(RETRIES_STREAM, [{
      id: randomUUID(), ...event, metadata: { schemaVersion: 1, recordedAt: now, actor: meta.actor, correlationId: meta.correlationId, causationId: meta.correlationId },
    }], 'any');
    return { key, status: 'retrying' };
  }
}
