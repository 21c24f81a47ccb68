/**
 * Who acted, as the event metadata records it and as the closed loop's rules see it: the role and
 * subject of the token, and for an agency's staff the agency they acted for.
 */
import type { LoopActor } from '@survey/domain';
import type { Actor } from '@survey/event-store';
import type { Principal } from './tokens';

/** The stored actor of a command from this principal. */
export function actorOf(who: Principal): Actor {
  return who.agencyId === undefined ? { role: who.role, sub: who.sub } : { role: who.role, sub: who.sub, agencyId: who.agencyId };
}

/** The principal as the closed loop's deciders and views take it (an agency always with its agencyId: the token rules require it). */
export function loopActorOf(who: Principal): LoopActor {
  if (who.role === 'agency') return { role: 'agency', sub: who.sub, agencyId: who.agencyId! };
  return { role: who.role, sub: who.sub };
}
