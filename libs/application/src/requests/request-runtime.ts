/**
 * What every request step decides with, wherever it runs (a person's command, the deadline
 * scheduler): the clock, the working-day calendar loaded once, the deployment's request policy
 * (categories and deadlines). Also the one way to load, decide and append on a request's stream,
 * giving a missed deadline its deterministic id so that two schedulers record it once.
 */
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_REQUEST_POLICY, LoopActor, RequestCommand, RequestContext, requestDeadlineMissedEventId, requestDecider, RequestEvent, RequestPolicy, RequestState,
  streams, WorkingDayCalendar,
} from '@survey/domain';
import { CalendarLoader } from '../calendar/calendar-loader';
import { Aggregates, Loaded } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';

@Injectable()
export class RequestRuntime {
  readonly policy: RequestPolicy = DEFAULT_REQUEST_POLICY;

  constructor(
    readonly aggregates: Aggregates,
    private readonly calendars: CalendarLoader,
  ) {}

  calendar(): WorkingDayCalendar {
    return this.calendars.get();
  }

  now(): Date {
    return this.aggregates.now();
  }

  load(requestId: string): Promise<Loaded<RequestState>> {
    return this.aggregates.load(streams.request(requestId), requestDecider);
  }

  /** load → decide → append on `request-{requestId}`, again from a fresh load if another writer got there first. */
  execute(
    requestId: string, command: RequestCommand, actor: LoopActor, meta: CommandMeta, lookedUp: Pick<RequestContext, 'enterprise' | 'agency'> = {},
  ): Promise<{ events: RequestEvent[]; state: RequestState }> {
    return this.aggregates.execute(
      streams.request(requestId), requestDecider, command,
      (): RequestContext => ({ now: this.now(), actor, calendar: this.calendar(), policy: this.policy, ...lookedUp }),
      meta,
      // A missed deadline has one id whoever records it: a second scheduler's append of it is a no-op.
      (e) => (e.type === 'RequestDeadlineMissed' ? requestDeadlineMissedEventId(requestId, e.data.deadline, e.data.due) : undefined),
    );
  }
}
