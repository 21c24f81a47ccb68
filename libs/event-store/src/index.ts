/** Public surface of the event-store lib: the port and the embedded adapter (test kit excluded). */
export * from './event-store.port';
export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite-event-store';
