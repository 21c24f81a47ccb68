/**
 * Replays of the log into memory on worker threads (as-of reports, verification), bounded in how
 * many run at once: one pool and one cache of replays per process, shared by the features that
 * import this module.
 */
import { Module } from '@nestjs/common';
import { LogReplay } from './log-replay';
import { ReplayPool } from './replay-pool';

@Module({
  providers: [ReplayPool, LogReplay],
  exports: [ReplayPool, LogReplay],
})
export class ReplayModule {}
