/**
 * What every request step decides with, wherever it runs (a person's command, the deadline
 * scheduler): the clock, the working-day calendar loaded once, the deployment's request policy
 * (categories and deadlines). Also the one way to load, decide and append on a request's stream,
 * giving a missed deadline its deterministic id so that two schedulers record it once.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  LoopActor, RequestCommand, RequestContext, requestDeadlineMissedEventId, requestDecider, RequestEvent, RequestPolicy, RequestState,
  streams, WorkingDayCalendar,
} from '@survey/domain';
import { CalendarLoader } from '../calendar/calendar-loader';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DEFAULT_REQUEST_CONFIG, RequestConfig, requestPolicyOf } from '../config/request-config';
import { Aggregates, Loaded } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';

@Injectable()
export class RequestRuntime {
  /** The deployment's categories (with their labels) and deadlines, as configured. */
  readonly config: RequestConfig;
  readonly policy: RequestPolicy;

  constructor(
    readonly aggregates: Aggregates,
    private readonly calendars: CalendarLoader,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.config = config.requests ?? DEFAULT_REQUEST_CONFIG;
    this.policy = requestPolicyOf(this.config);
  }

  calendar(): WorkingDayCalendar {
    return this.calendars.get();
  }

  now(): Date {
    return this.aggregates.now();
  }

  load(requestId: string): Promise<Loaded<RequestState>> {
    return this.aggregates.load(streams.request(requestId), requestDecider);
  }

  /**
   * load → decide → append on `request-{requestId}`, again from a fresh load if another writer got
   * there first. `known`: the state the caller read (a person's step, which answers with the record
   * it read), decided on instead of a load.
   */
  execute(
    requestId: string, command: RequestCommand, actor: LoopActor, meta: CommandMeta, lookedUp: Pick<RequestContext, 'enterprise' | 'agency'> = {},
    known?: Loaded<RequestState>,
  ): Promise<{ events: RequestEvent[]; state: RequestState; revision: number }> {
    return this.aggregates.execute(
      streams.request(requestId), requestDecider, command,
      (): RequestContext => ({ now: this.now(), actor, calendar: this.calendar(), policy: this.policy, ...lookedUp }),
      meta,
      // A missed deadline has one id whoever records it: a second scheduler's append of it is a no-op.
      (e) => (e.type === 'RequestDeadlineMissed' ? requestDeadlineMissedEventId(requestId, e.data.deadline, e.data.due) : undefined),
      known,
    );
  }
}
