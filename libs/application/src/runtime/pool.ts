/**
 * Runs `work` over `items` with at most `size` in flight, in order of start: how the CLI, the
 * benchmark and the tests issue many commands or requests at once, so the event store's group
 * commit can batch them without an unbounded burst.
 */
export async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}
