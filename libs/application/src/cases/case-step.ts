/**
 * A person's step on a case, the one way every caller takes it (the case routes' handler, the
 * demo's case loop): load → decide → append on `rectification-{caseId}` (the domain's
 * rectificationDecider checks the case, the role, the step and the content), after the
 * invitation's reach is checked; an upheld appeal then invalidates the evaluation on the ballot
 * through the auditor's path (the reactor does it too when it sees the decision, in case this
 * process stops between the two appends). caseSeries takes several steps of one case in a row with
 * the same checks and decisions, appended together.
 */
import { CaseState, NotFound, OpenedCase, RectificationEvent } from '@survey/domain';
import type { EventStore } from '@survey/event-store';
import { loopActorOf } from '../auth/actor';
import type { Principal } from '../auth/tokens';
import type { CommandMeta } from '../runtime/command-meta';
import type { Loaded } from '../runtime/aggregates';
import { invalidateUpheld } from './appeal-invalidation';
import { withinInvitation } from './case-reads';
import type { CaseRuntime } from './case-runtime';
import type { PersonsCaseStep } from './case-step.command';

/**
 * `known`: the case as the caller holds it from its own folding (the demo's loop), decided on
 * instead of a fresh load; a stale one is caught by the append's expected revision and reloaded.
 */
export async function takeCaseStep(
  cases: CaseRuntime, events: EventStore, step: PersonsCaseStep, who: Principal, meta: CommandMeta, known?: Loaded<CaseState>,
): Promise<{ events: RectificationEvent[]; state: CaseState; revision: number }> {
  const { caseId } = step.data;
  const before = known ?? (await cases.load(caseId));
  if (before.state.exists && !withinInvitation(before.state, who)) throw new NotFound(`rectification case ${caseId} not found`);
  const taken = await cases.execute(caseId, step, loopActorOf(who), meta, before);
  const decided = taken.events.find((e) => e.type === 'AppealDecided');
  if (decided?.type === 'AppealDecided' && decided.data.upheld && taken.state.exists) {
    await invalidateUpheld(events, cases.aggregates, taken.state, decided.data.reason, meta);
  }
  return taken;
}

export type CaseStepResult = { events: RectificationEvent[]; state: CaseState; revision: number };

/** A case's steps taken in a row, appended together (caseSeries). */
export interface CaseSeries {
  /** Checks and decides the step on the state the steps before it left; its events join the series' append. Throws what takeCaseStep throws. */
  take(step: PersonsCaseStep, who: Principal, meta: CommandMeta): Promise<CaseStepResult>;
  /**
   * Appends every step's events at once (a stale `known`: WrongExpectedRevision refuses them all,
   * nothing written), then invalidates the evaluation of an upheld appeal as takeCaseStep does.
   */
  append(): Promise<void>;
  /** The case as the steps so far leave it. */
  known(): Loaded<CaseState>;
}

/**
 * A series of persons' steps on one case, as the caller holds it (the demo's loop, whose case's
 * steps of one turn then share one group commit instead of waiting for one each): each checked
 * and decided as takeCaseStep would (the invitation's reach, the same decider and context, the
 * step's own meta), all appended together at the revision `known` holds.
 */
export function caseSeries(cases: CaseRuntime, events: EventStore, caseId: string, known: Loaded<CaseState>): CaseSeries {
  const series = cases.series(caseId, known);
  const upheld: { state: OpenedCase; reason: string; meta: CommandMeta }[] = [];
  return {
    async take(step, who, meta) {
      if (step.data.caseId !== caseId) throw new Error(`a step of case ${step.data.caseId} in the series of case ${caseId}`);
      const before = series.known.state;
      if (before.exists && !withinInvitation(before, who)) throw new NotFound(`rectification case ${caseId} not found`);
      const actor = loopActorOf(who);
      const taken = await series.decide(step, cases.contextFor(step, actor), meta);
      const decided = taken.events.find((e) => e.type === 'AppealDecided');
      if (decided?.type === 'AppealDecided' && decided.data.upheld && taken.state.exists) upheld.push({ state: taken.state, reason: decided.data.reason, meta });
      return taken;
    },
    async append() {
      await series.append();
      for (const { state, reason, meta } of upheld.splice(0)) await invalidateUpheld(events, cases.aggregates, state, reason, meta);
    },
    known: () => series.known,
  };
}
