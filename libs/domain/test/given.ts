import { Decider, DomainError, fold, RuleCode } from '../src';

/** given(events).when(command).then(events) — or .thenRefuses(code) — for any decider. */
export function given<C, S, E, X>(decider: Decider<C, S, E, X>, events: E[] = []) {
  const state = fold(decider, events);
  return {
    when(command: C, context: X) {
      const run = () => decider.decide(command, state, context);
      return {
        then(expected: E[]) {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: RuleCode) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
        },
        result: run,
      };
    },
  };
}
