/**
 * A person's step on a request: load → decide → append on `request-{requestId}`. The decider
 * checks who may take it (another agency's or enterprise's request is a 404 like an unknown one);
 * the handler only looks up the agency a dispatch names in the directory.
 */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { RequestDetail } from '@survey/domain';
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
    await this.requests.execute(requestId, step, actor, meta, { agency });
    // From the stream, not the read model: the step shows in the answer at once.
    return this.reads.one(requestId, actor);
  }
}
