import { BusinessDate } from './shared/business-date';

/** A decider: the pure heart of an aggregate (Emmett / Jérémie Chassaing's pattern). */
export interface Decider<Command, State, Event, Context = void> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** What else the decision needs to know (other aggregates, as seen) comes in `context`. */
  decide(command: Command, state: State, context: Context): Event[];
}

/** What every command carries besides its own fields: today's date, as a value. */
export interface Dated {
  readonly today: BusinessDate;
}

/** Another aggregate's state as a decision saw it: the stream and the revision read. */
export interface Seen<State> {
  readonly streamId: string;
  /** -1 when the stream did not exist. */
  readonly revision: number;
  readonly state: State;
}

export function fold<State, Event>(
  decider: Pick<Decider<never, State, Event, never>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
