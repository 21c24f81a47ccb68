/**
 * The requests' part of the deadline scheduler (../cases/deadline-scheduler.ts,
 * ../cases/open-items.ts): the open requests folded from their events (the domain's
 * evolveRequest), and what is due on one at a moment — a missed dispatch, accept or resolve
 * deadline (RequestDeadlineMissed, with `due` as recorded and its deterministic id: RequestRuntime
 * gives it), and the `not-rated` closing of an answer the enterprise did not rate within its seven days.
 */
import { randomUUID } from 'node:crypto';
import { evolveRequest, FiledRequest, initialRequestState, LoopActor, missedRequestDeadlines, nextRequestDue, rateDue, RequestEvent, RequestState } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import { OpenItems } from '../cases/open-items';
import type { CommandMeta } from '../runtime/command-meta';
import type { RequestRuntime } from './request-runtime';

type Request = RecordedEvent & RequestEvent;

export class RequestDeadlines extends OpenItems<RequestState, FiledRequest> {
  readonly kind = 'request';
  protected readonly streamPrefix = 'request-';

  constructor(private readonly requests: RequestRuntime) {
    super();
  }

  protected idOf(event: RecordedEvent): string {
    return (event as Request).data.requestId;
  }

  protected evolve(state: FiledRequest | undefined, event: RecordedEvent): RequestState {
    return evolveRequest(state ?? initialRequestState(), event as Request);
  }

  protected isOpen(state: RequestState): state is FiledRequest {
    return state.exists && state.status !== 'closed' && state.status !== 'withdrawn';
  }

  protected dueAt(open: FiledRequest): string | null {
    return nextRequestDue(open);
  }

  protected async record(requestId: string, open: FiledRequest, now: Date, actor: LoopActor): Promise<void> {
    const meta: CommandMeta = { actor, correlationId: randomUUID() };
    for (const { deadline, due } of missedRequestDeadlines(open, now)) {
      await this.requests.execute(requestId, { type: 'MarkRequestDeadlineMissed', data: { requestId, deadline, due } }, actor, meta);
    }
    const closesAt = rateDue(open);
    if (closesAt !== null && Date.parse(closesAt) <= now.getTime()) {
      await this.requests.execute(requestId, { type: 'CloseUnratedRequest', data: { requestId } }, actor, meta);
    }
  }
}
