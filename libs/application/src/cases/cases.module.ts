/**
 * Rectification cases (差评整改, CLOSED-LOOP.md): the steps people take on a case (one command:
 * every step is load → decide → append on the case's stream) and the queries of the case routes
 * (the queues and one case with its history), read from the `cases` projection. The reactor and the
 * scheduler that follow the log are ./case-processes.module.ts, imported where the projections run.
 */
import { Module } from '@nestjs/common';
import { CaseReads } from './case-reads';
import { CaseRuntime } from './case-runtime';
import { CaseStepHandler } from './case-step.handler';
import { GetCaseHandler } from './get-case.handler';
import { ListCasesHandler } from './list-cases.handler';

const commandHandlers = [CaseStepHandler];
const queryHandlers = [ListCasesHandler, GetCaseHandler];

@Module({
  providers: [CaseRuntime, CaseReads, ...commandHandlers, ...queryHandlers],
})
export class CasesModule {}
