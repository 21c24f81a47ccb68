/**
 * The closed loop's processes that follow the log: the reactor that opens and follows cases, and
 * (./deadline-scheduler.ts) the scheduler that records the cases' and the requests' missed deadlines. They run wherever the
 * projections run: a root imports this module beside RunningProjectionsModule (the API with
 * PROJECTIONS=in-process, the default; apps/projector), never in the CLI.
 */
import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { RequestRuntime } from '../requests/request-runtime';
import { CaseReactor } from './case-reactor';
import { CaseRuntime } from './case-runtime';
import { DeadlineScheduler } from './deadline-scheduler';

@Injectable()
class CaseProcesses implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly reactor: CaseReactor,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reactor.start();
    // Not awaited: reading a long log to find the open cases must not hold the process's start-up.
    this.scheduler.start().catch((error: unknown) => new Logger('DeadlineScheduler').error(`could not start: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.reactor.stop();
  }
}

@Module({
  providers: [CaseRuntime, RequestRuntime, CaseReactor, DeadlineScheduler, CaseProcesses],
  exports: [CaseReactor, DeadlineScheduler],
})
export class CaseProcessesModule {}
