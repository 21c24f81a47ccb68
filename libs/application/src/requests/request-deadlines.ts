/**
 * The requests' part of the deadline scheduler (../cases/deadline-scheduler.ts): the open requests
 * folded from their events (the domain's evolveRequest; nothing stored), indexed by when something
 * next falls due on them (../cases/due-index.ts), and what is due on them at
 * a moment — a missed dispatch, accept or resolve deadline (RequestDeadlineMissed, with `due` as
 * recorded and its deterministic id: RequestRuntime gives it), and the `not-rated` closing of an
 * answer the enterprise did not rate within its seven days.
 */
import { randomUUID } from 'node:crypto';
import { evolveRequest, FiledRequest, initialRequestState, LoopActor, missedRequestDeadlines, nextRequestDue, rateDue, RequestEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { DeadlineSource } from '../cases/case-deadlines';
import { DueIndex } from '../cases/due-index';
import type { CommandMeta } from '../runtime/command-meta';
import type { RequestRuntime } from './request-runtime';

export class RequestDeadlines implements DeadlineSource {
  readonly kind = 'request';
  /** Open requests by id (a Map: ids may be derived from user text, never a plain object's keys). */
  private readonly open = new Map<string, FiledRequest>();
  private readonly due = new DueIndex();

  constructor(private readonly requests: RequestRuntime) {}

  fold(event: RecordedEvent): void {
    if (!event.stream.startsWith('request-')) return;
    const e = event as RecordedEvent & RequestEvent;
    const state = evolveRequest(this.open.get(e.data.requestId) ?? initialRequestState(), e);
    if (state.exists && state.status !== 'closed' && state.status !== 'withdrawn') this.open.set(state.requestId, state);
    else this.open.delete(e.data.requestId);
    this.reschedule(e.data.requestId);
  }

  takeDue(now: Date, limit?: number): string[] {
    return this.due.takeDue(now, limit);
  }

  reschedule(requestId: string): void {
    const state = this.open.get(requestId);
    this.due.set(requestId, state ? nextRequestDue(state) : null);
  }

  /** The request as folded here may be behind its stream: the decider, on a fresh load, records only what is still due. */
  async dueOn(requestId: string, now: Date, actor: LoopActor): Promise<void> {
    const state = this.open.get(requestId);
    if (!state) return;
    const meta: CommandMeta = { actor, correlationId: randomUUID() };
    for (const { deadline, due } of missedRequestDeadlines(state, now)) {
      await this.requests.execute(requestId, { type: 'MarkRequestDeadlineMissed', data: { requestId, deadline, due } }, actor, meta);
    }
    const closesAt = rateDue(state);
    if (closesAt !== null && Date.parse(closesAt) <= now.getTime()) {
      await this.requests.execute(requestId, { type: 'CloseUnratedRequest', data: { requestId } }, actor, meta);
    }
  }

  nextDue(): number | null {
    return this.due.next();
  }
}
