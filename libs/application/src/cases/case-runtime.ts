/**
 * What every case step decides with, wherever it runs (a person's command, the reactor, the
 * scheduler): the clock, the working-day calendar loaded once, the deployment's numbers of days
 * (CASE_CONTACT_DAYS, CASE_RECTIFY_DAYS) and the scale of the case's campaign. Also the one way to
 * load, decide and append on a case's stream.
 */
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  campaignDecider, caseDeadlineMissedEventId, CaseCommand, CaseContext, CasePolicy, CaseState, DEFAULT_CASE_POLICY, DEFAULT_SCALE, LoopActor, rectificationDecider,
  RectificationEvent, Scale, streams, WorkingDayCalendar,
} from '@survey/domain';
import { CONTEXT_MAX_AGE_MS } from '../ballots/ballot-context';
import { CalendarLoader } from '../calendar/calendar-loader';
import { APP_CONFIG, AppConfig, DEFAULT_CASE_DAYS } from '../config/config';
import { Aggregates, Loaded } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';
import type { StreamSeries } from '../runtime/stream-series';

@Injectable()
export class CaseRuntime implements OnModuleInit {
  readonly policy: CasePolicy;

  constructor(
    readonly aggregates: Aggregates,
    private readonly calendars: CalendarLoader,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { ...DEFAULT_CASE_POLICY, ...(config.cases ?? DEFAULT_CASE_DAYS) };
  }

  /** Loaded at start-up by the processes that count deadlines: a bad WORKDAY_CALENDAR_FILE stops them there, with its one line. */
  onModuleInit(): void {
    this.calendar();
  }

  calendar(): WorkingDayCalendar {
    return this.calendars.get();
  }

  now(): Date {
    return this.aggregates.now();
  }

  load(caseId: string): Promise<Loaded<CaseState>> {
    return this.aggregates.load(streams.rectification(caseId), rectificationDecider);
  }

  /** The scale of a campaign (the default one for a campaign that does not exist: nothing is decided on it then). */
  async scaleOf(campaignId: string): Promise<Scale> {
    const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider, CONTEXT_MAX_AGE_MS);
    return state.exists ? state.definition.scale : DEFAULT_SCALE;
  }

  async context(campaignId: string | undefined, actor: LoopActor): Promise<CaseContext> {
    const scale = campaignId === undefined ? DEFAULT_SCALE : await this.scaleOf(campaignId);
    return { now: this.now(), actor, calendar: this.calendar(), policy: this.policy, scale };
  }

  /**
   * load → decide → append on `rectification-{caseId}`, again from a fresh load if another writer
   * got there first. `known`: the case as the caller holds it (Aggregates.execute).
   */
  execute(
    caseId: string, command: CaseCommand, actor: LoopActor, meta: CommandMeta, known?: Loaded<CaseState>,
  ): Promise<{ events: RectificationEvent[]; state: CaseState; revision: number }> {
    return this.aggregates.execute(
      streams.rectification(caseId), rectificationDecider, command, this.contextFor(command, actor), meta,
      // A missed deadline has one id whoever records it: a second scheduler's append of it is a no-op.
      (e) => (e.type === 'RectificationDeadlineMissed' ? caseDeadlineMissedEventId(caseId, e.data.deadline, e.data.round) : undefined),
      known,
    );
  }

  /**
   * Steps in a row on a case the caller holds, appended together at the revision `known` holds
   * (Aggregates.series): decide each with `contextFor`, as `execute` does. Only for steps whose
   * events carry no deterministic id (a person's: a missed deadline is the scheduler's alone).
   */
  series(caseId: string, known: Loaded<CaseState>): StreamSeries<CaseCommand, RectificationEvent, CaseState, CaseContext> {
    return this.aggregates.series(streams.rectification(caseId), rectificationDecider, known);
  }

  /** The context a command on a case is decided with: the scale of the case's campaign; for the opening, the campaign the command names. */
  contextFor(command: CaseCommand, actor: LoopActor): (state: CaseState) => Promise<CaseContext> {
    return (state) => this.context(state.exists ? state.campaignId : command.type === 'OpenCase' ? command.data.campaignId : undefined, actor);
  }
}
