/**
 * The case feature's processes that follow the log: the reactor that opens and follows cases, and
 * (./deadline-scheduler.ts) the scheduler that records missed deadlines. They run wherever the
 * projections run: a root imports this module beside RunningProjectionsModule (the API with
 * PROJECTIONS=in-process, the default; apps/projector), never in the CLI.
 */
import { BeforeApplicationShutdown, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CaseReactor } from './case-reactor';
import { CaseRuntime } from './case-runtime';

@Injectable()
class CaseProcesses implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly reactor: CaseReactor) {}

  onApplicationBootstrap(): Promise<void> {
    return this.reactor.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.reactor.stop();
  }
}

@Module({
  providers: [CaseRuntime, CaseReactor, CaseProcesses],
  exports: [CaseReactor],
})
export class CaseProcessesModule {}
