/** The shape every aggregate follows (Emmett style): fold events into state, decide commands on it. */
export interface Decider<Command, Event, State, Context> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[];
}

export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>, events: Event[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}

export function assertNever(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
