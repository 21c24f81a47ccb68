/**
 * The processes other than projections that follow the log in this process (the case reactor, the
 * deadline scheduler, the sealer, the webhook outbox), as readiness reports them: each registers
 * itself here when it starts (one that is provided but never started, such as the sealer of a
 * process that runs no projections, is not listed), and readiness lists where each stands and names those still
 * catching up. Global (provided by RuntimeModule): each feature module registers its own, and the
 * health module reads them without importing every feature.
 */
import { Injectable } from '@nestjs/common';

export interface LogFollower {
  /** Its name in readiness and the logs (e.g. case-reactor, deadline-scheduler). */
  readonly name: string;
  /** The log position it has acted on up to (0 before it starts). */
  followedTo(): number;
  /**
   * False while it has work of its own left at that position (the scheduler's missed deadlines
   * not recorded yet); absent when being at the head is all there is to it.
   */
  settled?(): boolean;
}

@Injectable()
export class LogFollowers {
  private readonly all = new Set<LogFollower>();

  /** Called by the follower as it starts (once is enough: it stays listed after a restart or stop). */
  add(follower: LogFollower): void {
    this.all.add(follower);
  }

  list(): LogFollower[] {
    return [...this.all];
  }
}
