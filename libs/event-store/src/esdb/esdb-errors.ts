/**
 * Which errors of @eventstore/db-client retrying cannot fix, and the clear ones the adapter puts in
 * their place. Classes and gRPC codes are those the client and server use (the client's
 * CommandError.ts; the server's RpcExceptions: InvalidPosition is INVALID_ARGUMENT with no
 * exception key, so the client hands it on as an UnknownError with code 3).
 */
import {
  AccessDeniedError, InvalidArgumentError, MaxAppendSizeExceededError, NotFoundError, NotLeaderError, UnsupportedError,
} from '@eventstore/db-client';
import { AppendTooLarge } from '../append-limit';

/** A store error no reconnect can cure: subscriptions report it, the process stops (see isUnrecoverable). */
export class UnrecoverableStoreError extends Error {
  readonly unrecoverable = true;

  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'UnrecoverableStoreError';
  }
}

/** Whether an error says that trying again cannot help (on any adapter: they mark such errors so). */
export function isUnrecoverable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { unrecoverable?: unknown }).unrecoverable === true;
}

/** gRPC status codes (grpc/doc/statuscodes.md). */
export const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, UNAUTHENTICATED: 16 } as const;
const PERMANENT_CODES = new Set<number>(Object.values(GRPC));

/** Invalid position, access denied, invalid argument, not found, unsupported: the same on every attempt. */
export function isPermanent(error: unknown): boolean {
  if (isUnrecoverable(error)) return true;
  if (error instanceof NotLeaderError) return false; // NOT_FOUND with the leader's address: reconnecting finds it
  if (error instanceof AccessDeniedError || error instanceof InvalidArgumentError || error instanceof NotFoundError || error instanceof UnsupportedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && PERMANENT_CODES.has(code);
}

function isInvalidPosition(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === GRPC.INVALID_ARGUMENT && /invalid position/i.test(String((error as Error).message));
}

/** The error a read of $all from `after` throws: one clear line for a position the server never handed out. */
export function readAllError(error: unknown, after: number): unknown {
  if (isUnrecoverable(error)) return error;
  if (isInvalidPosition(error)) return notAPosition(after, error);
  if (isPermanent(error)) return new UnrecoverableStoreError(`EventStoreDB refused to read $all: ${(error as Error).message}`, error);
  return error;
}

export function notAPosition(after: number, cause?: unknown): UnrecoverableStoreError {
  return new UnrecoverableStoreError(
    `position ${after} is not the position of an event of this log on this EventStoreDB (a checkpoint carried over from ` +
      `another store, such as the SQLite files?): drop the read models and rebuild them from this log`,
    cause,
  );
}

/** The port's AppendTooLarge for a server configured below the limit the port checks. */
export function appendError(error: unknown, stream: string, bytes: number): unknown {
  if (error instanceof MaxAppendSizeExceededError) return new AppendTooLarge(stream, bytes, error.maxAppendSize);
  return error;
}
