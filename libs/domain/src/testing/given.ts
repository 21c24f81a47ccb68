/** given(events).when(command).then(events) for any decider: specs that read like the rules. */
import { Decider } from '../decider';

export function specFor<C, E, S, Ctx>(decider: Decider<C, E, S, Ctx>, context: () => Ctx) {
  return (given: E[]) => ({
    when: (command: C, ctx: Ctx = context()) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()), ctx);
      return {
        then: (expected: E[]) => expect(run()).toEqual(expected),
        thenThrows: (error: new (...args: never[]) => Error, message?: RegExp) => {
          expect(run).toThrow(error);
          if (message) expect(run).toThrow(message);
        },
      };
    },
  });
}
