/** The webhook receiver the notification suites share; it lives in the application's test kit, beside the outbox's int-spec. */
export * from '../../libs/application/src/testing/webhook-receiver';
