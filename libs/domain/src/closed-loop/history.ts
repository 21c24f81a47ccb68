/** One step of a case's or a request's history as people read it: what, when, by which role, and its text. */
export interface HistoryEntry {
  type: string;
  at: string;
  by: string;
  text: string | null;
}

/** The names the read side looks up when it shows a case or a request (the directory's, the enterprise's profile). */
export interface DisplayNames {
  agencyName?: string | null;
  enterpriseName?: string | null;
}

/** An event as the read side has it: the event and the role of the actor in its metadata. */
export interface WithActor<E> {
  event: E;
  actor: { role: string };
}
