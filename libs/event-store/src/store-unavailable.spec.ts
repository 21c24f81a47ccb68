import { asStoreUnavailable, StoreUnavailable, unavailableCode } from './store-unavailable';

const driverError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('StoreUnavailable', () => {
  it.each(['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'ENOSPC', 'EROFS', 'EDQUOT', 'EIO'])(
    'takes %s for a store that cannot write now',
    (code) => {
      const error = asStoreUnavailable(driverError(code, 'database or disk is full'), 'events.db');
      expect(error).toBeInstanceOf(StoreUnavailable);
      expect(error).toMatchObject({ store: 'events.db', code, message: `events.db cannot be written (${code}: database or disk is full)` });
      expect(unavailableCode(error)).toBe(code);
    },
  );

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSYX', 'SQLITE_LOCKED', 'SQLITE_FULLX', 'ENOENT', undefined])('leaves %s alone', (code) => {
    const error = code ? driverError(code) : new Error('plain');
    expect(asStoreUnavailable(error, 'events.db')).toBe(error);
    expect(unavailableCode(error)).toBeUndefined();
  });
});
