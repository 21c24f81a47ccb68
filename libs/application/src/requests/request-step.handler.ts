/**
 * A person's step on a request: read → decide → append on `request-{requestId}`, answered with the
 * request as that person reads it after the step. The decider checks who may take it (another
 * agency's or enterprise's request is a 404 like an unknown one); the handler only looks up the
 * agency a dispatch names in the directory.
 */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { foldRequestRecord, NotFound, RequestDetail } from '@survey/domain';
import { AgencyDirectory } from '../agencies/agency-directory';
import { requestActorOf, RequestReads } from './request-reads';
import { RequestRuntime } from './request-runtime';
import { RequestStepCommand } from './request-step.command';

@CommandHandler(RequestStepCommand)
export class RequestStepHandler implements ICommandHandler<RequestStepCommand> {
  constructor(
    private readonly requests: RequestRuntime,
    private readonly reads: RequestReads,
    private readonly agencies: AgencyDirectory,
  ) {}

  async execute({ step, who, meta }: RequestStepCommand): Promise<RequestDetail> {
    const actor = requestActorOf(who);
    const { requestId } = step.data;
    const agency = step.type === 'DispatchRequest' ? await this.agencies.lookup(step.data.agencyId) : undefined;
    // One read of the stream gives both the state decided on and the record the answer is folded from.
    const before = await this.reads.fromStreamAt(requestId);
    const known = before.record ? { state: before.record.state, revision: before.revision } : undefined;
    const taken = await this.requests.execute(requestId, step, actor, meta, { agency }, known);
    // The step's events on the record read: the answer shows the step without reading it back, unless
    // another writer's events came first (the append was decided again on a fresh load): then it is read.
    const record = taken.revision === before.revision + taken.events.length
      ? taken.events.reduce((r, event) => foldRequestRecord(r, { event, actor: meta.actor }), before.record)
      : await this.reads.fromStream(requestId);
    if (!record) throw new NotFound(`request ${requestId} not found`);
    const [detail] = await this.reads.present([record], actor, this.requests.now());
    return detail;
  }
}
