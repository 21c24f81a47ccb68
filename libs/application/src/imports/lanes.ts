/**
 * At most `size` tasks at once; `run` resolves when the task has started. The first failure stops
 * new tasks (run throws it) and is thrown again by `rethrow` once the others have settled. Reading
 * waits for a free lane, which keeps an import's memory bounded however long the file is.
 */
export class Lanes {
  private active = 0;
  private wake: (() => void) | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly size: number) {}

  async run(task: () => Promise<void>): Promise<void> {
    while (this.active >= this.size) await this.oneFinished();
    this.rethrow();
    this.active++;
    task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.active--;
        this.wake?.();
      });
  }

  async settled(): Promise<void> {
    while (this.active > 0) await this.oneFinished();
  }

  rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  // Only the reading loop ever waits, so one waiter at a time is enough.
  private oneFinished(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
