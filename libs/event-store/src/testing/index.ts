/** @survey/event-store/testing: events in envelopes for any tier (the contract suites are imported by path, as they need jest). */
export * from './event-builders';
