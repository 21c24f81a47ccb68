/**
 * Why a projection stopped, and where in the log: the event its fold threw on (`from` = `to`), or
 * the batch whose commit failed. Whoever restarts it logs this, and readiness shows it.
 */
export class ProjectionFailed extends Error {
  constructor(
    readonly projection: string,
    readonly from: number,
    readonly to: number,
    /** The event the fold threw on; null when the batch's commit failed. */
    readonly event: { type: string; stream: string } | null,
    override readonly cause: unknown,
  ) {
    const where = event ? `at position ${from} (${event.type} in ${event.stream})` : `committing positions ${from}-${to}`;
    super(`projection ${projection} failed ${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ProjectionFailed';
  }
}
