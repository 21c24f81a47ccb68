/**
 * A person's step on a case through the one path every caller takes (./case-step.ts), answered
 * with the case as that person reads it after the step.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseDetail, caseRecordOf, RectificationEvent, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { loopActorOf } from '../auth/actor';
import { CaseReads } from './case-reads';
import { CaseRuntime } from './case-runtime';
import { takeCaseStep } from './case-step';
import { CaseStepCommand } from './case-step.command';

@CommandHandler(CaseStepCommand)
export class CaseStepHandler implements ICommandHandler<CaseStepCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly cases: CaseRuntime,
    private readonly reads: CaseReads,
  ) {}

  async execute({ step, who, meta }: CaseStepCommand): Promise<CaseDetail> {
    const { caseId } = step.data;
    await takeCaseStep(this.cases, this.events, step, who, meta);
    // From the stream, not the read model: the step shows in the answer at once.
    const recorded = await this.events.readStream(streams.rectification(caseId));
    const record = caseRecordOf(recorded.map((e) => ({ event: e as unknown as RectificationEvent, actor: e.metadata.actor })))!;
    const [detail] = await this.reads.present([{ doc: { caseId, campaignId: record.state.campaignId, agencyId: record.state.agencyId, creditCode: record.state.creditCode, events: [] }, record }], loopActorOf(who), this.cases.now());
    return detail;
  }
}
