/** Public surface of the event-store lib: the port, the SQLite and EventStoreDB adapters (test kit excluded). */
export * from './event-store.port';
export { AppendTooLarge, MAX_APPEND_BYTES, appendSize } from './append-limit';
export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { isUnrecoverable, UnrecoverableStoreError } from './esdb/esdb-errors';
export { PositionWaiters } from './position-waiters';
export * from './chain/event-hash';
export * from './chain/seal';
export * from './chain/chain-verifier';
export * from './chain/verify-log';
export { openStoredLog, NotChainedError } from './sqlite-stored-log';
export { UpcastingEventStore, withUpcasting } from './upcasting-event-store';
export { lockWaitLine, type LockWait } from './sqlite-write-lock';
export { StoreUnavailable, asStoreUnavailable, unavailableCode, type StorageStatus } from './store-unavailable';
export { ReadOnlySqliteLog, type TimeInLog } from './sqlite-read-only-log';
export { backupSqliteFile, backupLogFile, describeLogFile, type BackupProgress, type LogSnapshot, type SqliteBackupOptions } from './sqlite-backup';
