/**
 * A store that cannot take writes for now: its disk is full, it was made read-only, the device
 * reports I/O errors, or another process held its write lock past the wait budget (SQLITE_BUSY). Adapters translate such driver errors into StoreUnavailable, which the HTTP
 * edge answers with 503 and Retry-After (a client may try again; nothing was acknowledged), and
 * which readiness reports until the store can write again.
 */

export class StoreUnavailable extends Error {
  constructor(
    /** Which store: `events.db`, `read-models.db`, … */
    readonly store: string,
    /** The driver's or the OS's code, e.g. SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR_FSYNC, SQLITE_BUSY, ENOSPC. */
    readonly code: string,
    override readonly cause: unknown,
  ) {
    super(`${store} cannot be written (${code}: ${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'StoreUnavailable';
  }
}

/** Whether a store can take writes; `error` says why not, from when. */
export type StorageStatus = { writable: true } | { writable: false; error: { code: string; message: string; since: string } };

// SQLite's primary codes (and their extended forms, e.g. SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED)
// and the OS's, for stores that write files themselves. SQLITE_BUSY reaches here only once a writer
// has waited out its whole lock budget (./sqlite-write-lock.ts): nothing was written, try later.
const UNAVAILABLE = /^(SQLITE_FULL|SQLITE_IOERR|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_BUSY|ENOSPC|EROFS|EDQUOT|EIO)(_|$)/;

/** The code of a driver error that means "this store cannot write now", else undefined. */
export function unavailableCode(error: unknown): string | undefined {
  if (error instanceof StoreUnavailable) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code) ? code : undefined;
}

/** `error` as a StoreUnavailable when it is one of those, else unchanged. */
export function asStoreUnavailable(error: unknown, store: string): unknown {
  if (error instanceof StoreUnavailable) return error;
  const code = unavailableCode(error);
  return code ? new StoreUnavailable(store, code, error) : error;
}
