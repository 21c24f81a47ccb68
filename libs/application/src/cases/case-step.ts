/**
 * A person's step on a case, the one way every caller takes it (the case routes' handler, the
 * demo's case loop): load → decide → append on `rectification-{caseId}` (the domain's
 * rectificationDecider checks the case, the role, the step and the content), after the
 * invitation's reach is checked; an upheld appeal then invalidates the evaluation on the ballot
 * through the auditor's path (the reactor does it too when it sees the decision, in case this
 * process stops between the two appends).
 */
import { CaseState, NotFound, RectificationEvent } from '@survey/domain';
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
