/**
 * Notifications: the webhook outbox (NotificationOutboxModule, imported by each process that runs
 * the projections) and, for the API, the centre's view of the parked notices and their retry
 * (NotificationsModule).
 */
import { Module } from '@nestjs/common';
import { ListParkedHandler } from './list-parked.handler';
import { NotificationOutbox } from './outbox';
import { RetryParkedHandler } from './retry-parked.handler';

@Module({
  providers: [ListParkedHandler, RetryParkedHandler],
})
export class NotificationsModule {}

/** The outbox itself: follows the log and POSTs to the webhook, when NOTIFY_WEBHOOK_URL is set. */
@Module({
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationOutboxModule {}
