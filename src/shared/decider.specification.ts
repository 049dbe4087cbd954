/**
 * given(events).when(command).then(events | error): the shape of every decider test, after Emmett's
 * DeciderSpecification. Used by specs only.
 */
import type { Decider } from './decider';
import { fold } from './decider';
import { DomainError, type DomainErrorCode } from './domain.error';

export function deciderSpecification<State, Command, Event, Recorded>(
  decider: Decider<State, Command, Event, Recorded>,
  record: (event: Event, index: number) => Recorded,
) {
  return {
    given(events: Event[] = []) {
      const state = fold(decider.evolve, decider.initialState(), events.map(record));
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]): void {
              expect(run()).toEqual(expected);
            },
            /** `fields`: the fields the error must name, in order (for `invalid`). */
            thenThrows(code: DomainErrorCode, message?: string | RegExp, fields?: string[]): void {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).code).toBe(code);
              if (message !== undefined) expect((error as DomainError).message).toMatch(message);
              if (fields !== undefined) expect((error as DomainError).details.map((d) => d.field)).toEqual(fields);
            },
          };
        },
      };
    },
  };
}
