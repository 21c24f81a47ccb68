/**
 * The small set of errors the domain speaks. One exception filter at the HTTP edge maps each
 * kind to its status; adapters translate driver errors (e.g. a wrong expected revision) into these.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'unprocessable';

export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(message: string, readonly errors: FieldError[] = []) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
}

export class Conflict extends DomainError {
  readonly kind = 'conflict' as const;
}

/** A command that breaks a rule about its content (wrong level, unknown question, comment too long). */
export class Invalid extends DomainError {
  readonly kind = 'invalid' as const;

  /** An Invalid whose message lists every problem, so the detail alone tells the user what to fix. */
  static because(what: string, problems: FieldError[]): Invalid {
    return new Invalid(`${what}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** Well-formed but semantically unusable input, e.g. a credit code that fails GB 32100. */
export class Unprocessable extends DomainError {
  readonly kind = 'unprocessable' as const;
}

/** An append whose expected revision did not match the stream: someone else wrote first. */
export class WrongExpectedRevision extends Conflict {
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${stream}: expected revision ${expected}, found ${actual}`);
  }
}
