/**
 * Who may see a request and take which step. A request asks for help and is not anonymous: the
 * centre sees all, an enterprise its own, an agency those dispatched to it now or before. For
 * anyone else it does not exist (NotFound, as an unknown one). Steps of the agency are for the
 * agency it is dispatched to now: one it was dispatched to before gets Forbidden.
 */
import type { LoopActor } from '../closed-loop/actor';
import { Forbidden, NotFound } from '../errors';
import type { FiledRequest, RequestState } from './state';

export type RequestStep = 'read' | 'file' | 'dispatch' | 'agency' | 'enterprise' | 'centre' | 'system';

const STEP_ROLES: ReadonlyMap<RequestStep, readonly LoopActor['role'][]> = new Map<RequestStep, LoopActor['role'][]>([
  ['read', ['centre', 'agency', 'enterprise', 'system']],
  ['file', ['centre', 'enterprise']],
  ['dispatch', ['centre']],
  ['agency', ['agency']],
  ['enterprise', ['enterprise']],
  ['centre', ['centre']],
  ['system', ['system']],
]);
const WHY: ReadonlyMap<RequestStep, string> = new Map<RequestStep, string>([
  ['read', 'requests are read by the service centre, the agencies they were dispatched to and the enterprise that filed them'],
  ['file', 'requests are filed by an enterprise, or by the service centre on its behalf'],
  ['dispatch', 'the service centre dispatches requests'],
  ['agency', 'this step is the handling agency’s'],
  ['enterprise', 'this step is the enterprise’s that filed the request'],
  ['centre', 'this step is the service centre’s'],
  ['system', 'this step is taken by the service itself'],
]);

export function requestVisibleTo(state: FiledRequest, actor: LoopActor): boolean {
  switch (actor.role) {
    case 'agency':
      return state.agencies.has(actor.agencyId);
    case 'enterprise':
      return actor.sub === state.creditCode;
    default:
      return true;
  }
}

export function requireRequestRole(actor: LoopActor, step: RequestStep): void {
  if (!STEP_ROLES.get(step)!.includes(actor.role)) throw new Forbidden(`${actor.role} may not do this: ${WHY.get(step)}`);
}

/** The request, if the actor may take the step on it; NotFound or Forbidden otherwise. */
export function authorizeRequestStep(state: RequestState, requestId: string, actor: LoopActor, step: RequestStep): FiledRequest {
  if (!state.exists || !requestVisibleTo(state, actor)) throw new NotFound(`request ${requestId} not found`);
  requireRequestRole(actor, step);
  if (step === 'agency' && actor.role === 'agency' && actor.agencyId !== state.agencyId) {
    throw new Forbidden(`request ${requestId} is no longer dispatched to agency ${actor.agencyId}`);
  }
  return state;
}
