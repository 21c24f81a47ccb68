/**
 * Who may see a case and take which step. Another agency's case, or another enterprise's, is
 * answered exactly as an unknown one (NotFound), so a case's existence never leaks; a role that
 * may see the case but not take the step gets Forbidden. An agency learns who gave the bad review,
 * and may record the contact itself, only if the enterprise consented (see caseForViewer).
 */
import type { LoopActor } from '../closed-loop/actor';
import { Forbidden, NotFound } from '../errors';
import type { CaseState, OpenedCase } from './state';

export type CaseStep = 'read' | 'contact' | 'report' | 'follow-up' | 'appeal' | 'decide-appeal' | 'close' | 'system';

const STEP_ROLES: ReadonlyMap<CaseStep, readonly LoopActor['role'][]> = new Map<CaseStep, LoopActor['role'][]>([
  ['read', ['centre', 'agency', 'enterprise', 'system']],
  ['contact', ['centre', 'agency']],
  ['report', ['agency']],
  ['appeal', ['agency']],
  ['follow-up', ['enterprise']],
  ['decide-appeal', ['centre']],
  ['close', ['centre']],
  ['system', ['system']],
]);

const WHY: ReadonlyMap<CaseStep, string> = new Map<CaseStep, string>([
  ['read', 'cases are read by the service centre, the case’s agency and the enterprise that rated'],
  ['contact', 'the follow-up contact is recorded by the service centre, or by the agency when the enterprise consented'],
  ['report', 'only the case’s agency reports what it rectified'],
  ['appeal', 'only the case’s agency may appeal'],
  ['follow-up', 'only the enterprise that gave the review rates the rectification'],
  ['decide-appeal', 'appeals are decided by the service centre'],
  ['close', 'only the service centre closes a case'],
  ['system', 'this step is taken by the service itself'],
]);

/** Whether the actor may know the case exists at all. */
export function caseVisibleTo(state: OpenedCase, actor: LoopActor): boolean {
  switch (actor.role) {
    case 'agency':
      return actor.agencyId === state.agencyId;
    case 'enterprise':
      return actor.sub === state.creditCode;
    default:
      return true;
  }
}

/** The case, if the actor may take the step on it; NotFound or Forbidden otherwise. */
export function authorizeCaseStep(state: CaseState, caseId: string, actor: LoopActor, step: CaseStep): OpenedCase {
  if (!state.exists || !caseVisibleTo(state, actor)) throw new NotFound(`rectification case ${caseId} not found`);
  requireRole(actor, step);
  if (step === 'contact' && actor.role === 'agency' && !state.contactConsent) {
    throw new Forbidden('the enterprise did not consent to be contacted by the agency: the service centre makes the follow-up call');
  }
  return state;
}

/** Forbidden unless the actor's role may take the step at all. */
export function requireRole(actor: LoopActor, step: CaseStep): void {
  if (!STEP_ROLES.get(step)!.includes(actor.role)) throw new Forbidden(`${actor.role} may not do this: ${WHY.get(step)}`);
}
