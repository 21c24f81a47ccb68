/**
 * A subject as a read-model document and back: the domain states hold Sets (the deadlines recorded
 * as missed, the agencies a request went to), which JSON does not, so each Set field is stored as
 * `{ "$set": [...] }`.
 */
import type { Doc } from '@survey/read-models';
import type { Subject } from './subjects';

export const SUBJECTS = 'notify-subjects';

export function subjectToDoc(subject: Subject): Doc {
  const state = Object.fromEntries(Object.entries(subject.state).map(([k, v]) => [k, v instanceof Set ? { $set: [...(v as Set<unknown>)] } : v]));
  return { type: subject.type, id: subject.id, state, deadlines: subject.deadlines };
}

export function subjectFromDoc(doc: Doc): Subject {
  const stored = doc.state as Record<string, unknown>;
  const state = Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, isEncodedSet(v) ? new Set(v.$set) : v]));
  return { type: doc.type, id: doc.id, state, deadlines: doc.deadlines } as Subject;
}

function isEncodedSet(v: unknown): v is { $set: unknown[] } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { $set?: unknown }).$set) && Object.keys(v).length === 1;
}
