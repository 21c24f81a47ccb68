/**
 * A person's step on a case: load → decide → append on `rectification-{caseId}` (the domain's
 * rectificationDecider checks the case, the role, the step and the content). An upheld appeal then
 * invalidates the evaluation on the ballot through the auditor's path; the reactor does it too when
 * it sees the decision, in case this process stops between the two appends.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseDetail, caseRecordOf, NotFound, RectificationEvent, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { loopActorOf } from '../auth/actor';
import { invalidateUpheld } from './appeal-invalidation';
import { CaseReads, withinInvitation } from './case-reads';
import { CaseRuntime } from './case-runtime';
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
    const before = await this.cases.load(caseId);
    if (before.state.exists && !withinInvitation(before.state, who)) throw new NotFound(`rectification case ${caseId} not found`);
    const actor = loopActorOf(who);
    const { events, state } = await this.cases.execute(caseId, step, actor, meta);
    const decided = events.find((e) => e.type === 'AppealDecided');
    if (decided?.type === 'AppealDecided' && decided.data.upheld && state.exists) {
      await invalidateUpheld(this.events, this.cases.aggregates, state, decided.data.reason, meta);
    }
    // From the stream, not the read model: the step shows in the answer at once.
    const recorded = await this.events.readStream(streams.rectification(caseId));
    const record = caseRecordOf(recorded.map((e) => ({ event: e as unknown as RectificationEvent, actor: e.metadata.actor })))!;
    const [detail] = await this.reads.present([{ doc: { caseId, campaignId: record.state.campaignId, agencyId: record.state.agencyId, creditCode: record.state.creditCode, events: [] }, record }], actor, this.cases.now());
    return detail;
  }
}
