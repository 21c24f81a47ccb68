/**
 * Turns of the event loop shared by every catch-up in the process (./feed-subscription.ts): one
 * waiter goes on per turn, after whatever the loop has queued meanwhile (HTTP requests, worker
 * replies, timers). A plain `setImmediate` per subscription is not enough: the loop runs every
 * immediate queued before its check phase in one go, so seven subscriptions catching up on a long
 * log each took a batch before a request got its turn (a health call waited ~7 batches, 0.5–1 s
 * under load). Here a request waits for one batch at most, and the catch-ups still run back to back
 * when nothing else is queued.
 */
const waiting: (() => void)[] = [];
let pumping = false;

/** Resolves on a later turn of the event loop than the one it was called in, one caller per turn, in call order. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!pumping) {
      pumping = true;
      setImmediate(pump);
    }
  });
}

function pump(): void {
  // The resolved caller runs its batch in the microtasks that follow this callback, before the next turn.
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(pump);
  else pumping = false;
}
