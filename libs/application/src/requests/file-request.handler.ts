/**
 * Filing a request: the enterprise for itself, or the centre on its behalf (with creditCode and
 * channel). The handler looks up what the decider checks (the enterprise's registration, the agency
 * named, if any) and appends RequestReceived on a new stream; with an Idempotency-Key the stream is
 * the key's (./idempotent-filing.ts), so a retry finds what the first call filed.
 */
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { Conflict, enterpriseDecider, isCreditCode, EnterpriseState, FiledRequest, RequestEvent, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { Inject } from '@nestjs/common';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Aggregates } from '../runtime/aggregates';
import { FileRequestCommand, FiledRequestAnswer } from './file-request.command';
import { bodyHashOf, idempotentRequestId, sameFiling } from './idempotent-filing';
import { requestActorOf } from './request-reads';
import { RequestRuntime } from './request-runtime';

@CommandHandler(FileRequestCommand)
export class FileRequestHandler implements ICommandHandler<FileRequestCommand> {
  constructor(
    private readonly requests: RequestRuntime,
    private readonly aggregates: Aggregates,
    private readonly agencies: AgencyDirectory,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute({ body, idempotencyKey, who, meta }: FileRequestCommand): Promise<FiledRequestAnswer> {
    const actor = requestActorOf(who);
    const requestId = idempotencyKey === undefined ? uuidv7() : idempotentRequestId(who, idempotencyKey);
    const bodyHash = idempotencyKey === undefined ? undefined : bodyHashOf(body);
    if (bodyHash !== undefined) {
      const found = await this.filedBefore(requestId, bodyHash);
      if (found) return found;
    }
    const creditCode = actor.role === 'enterprise' ? actor.sub : body.creditCode;
    const lookedUp = {
      enterprise: await this.enterprise(creditCode),
      agency: body.agencyId ? await this.agencies.lookup(body.agencyId) : undefined,
    };
    const command = { type: 'ReceiveRequest' as const, data: { requestId, ...body, ...(bodyHash === undefined ? {} : { bodyHash }) } };
    try {
      const { state } = await this.requests.execute(requestId, command, actor, meta, lookedUp);
      return answer(state as FiledRequest, true);
    } catch (error) {
      // Two retries under one key at once: the other one's filing got in first.
      const found = bodyHash !== undefined && error instanceof Conflict ? await this.filedBefore(requestId, bodyHash) : undefined;
      if (found) return found;
      throw error;
    }
  }

  /** The request already filed under this key (same body), or undefined; a 422 for another body. */
  private async filedBefore(requestId: string, bodyHash: string): Promise<FiledRequestAnswer | undefined> {
    const { state } = await this.requests.load(requestId);
    if (!state.exists) return undefined;
    const [first] = await this.events.readStream(streams.request(requestId));
    const filedHash = (first as unknown as Extract<RequestEvent, { type: 'RequestReceived' }>).data.bodyHash;
    return answer(sameFiling(state, filedHash, bodyHash), false);
  }

  /** The filing enterprise as its stream stands (nothing looked up for a missing or malformed code: the decider says what is wrong). */
  private async enterprise(creditCode: string | undefined): Promise<EnterpriseState | undefined> {
    if (typeof creditCode !== 'string' || !isCreditCode(creditCode)) return undefined;
    return (await this.aggregates.load(streams.enterprise(creditCode), enterpriseDecider)).state;
  }
}

const answer = (state: FiledRequest, created: boolean): FiledRequestAnswer =>
  ({ created, request: { requestId: state.requestId, status: state.status, dispatchDue: state.dispatchDue } });
