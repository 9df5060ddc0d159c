import { Decider, DomainError, fold, InvalidCommandError, RuleCode } from '../src';

/**
 * given(events).when(command).then(events) — or .thenRefuses(code), or .thenRejects(field) for
 * an invalid field (400 VALIDATION_FAILED) — for any decider.
 */
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
        thenRejects(field: string) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(InvalidCommandError);
          expect((error as InvalidCommandError).field).toBe(field);
        },
        result: run,
      };
    },
  };
}
