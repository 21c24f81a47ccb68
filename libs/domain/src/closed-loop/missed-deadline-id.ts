/**
 * Deterministic event ids for missed deadlines: the same deadline of the same stream always gets
 * the same id, so two schedulers (two API processes on one store) or a restart that replays the
 * same check append it at most once — the store takes a known id again as a no-op.
 */
import { v5 as uuidv5 } from 'uuid';

/** A fixed namespace for these ids (any UUID would do; this one must never change). */
const MISSED_DEADLINE_NAMESPACE = '3f0b6a52-2d5e-4c1a-9b7e-6c4d8e2f1a90';

/** A case's deadline: identified by the deadline and the round it belongs to. */
export const caseDeadlineMissedEventId = (caseId: string, deadline: string, round: number): string =>
  uuidv5(`rectification-${caseId}\u0000${deadline}\u0000${round}`, MISSED_DEADLINE_NAMESPACE);

/**
 * A request's deadline: identified by the deadline and its due time, since a dispatch deadline can
 * start again after a return within one round. A deadline started after another of the same kind
 * was missed is due later, so the pair names one deadline.
 */
export const requestDeadlineMissedEventId = (requestId: string, deadline: string, due: string): string =>
  uuidv5(`request-${requestId}\u0000${deadline}\u0000${due}`, MISSED_DEADLINE_NAMESPACE);
