/** The specs' one `deferred` and one `pause`, for every tier. */

/** A promise with its resolve at hand: to hold a step (a commit, an append) until the spec lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets timers and I/O run, so something that should not happen has had its chance to. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
