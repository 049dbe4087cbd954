/**
 * The decider of "Functional Event Sourcing Decider" (J. Chassaing), as Emmett types it: everything
 * the write side knows about one stream is these three pure pieces.
 */
export interface Decider<State, Command, Event, RecordedEvent = Event> {
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
  decide: (command: Command, state: State) => Event[];
}

export function fold<State, RecordedEvent>(
  evolve: (state: State, event: RecordedEvent) => State,
  initial: State,
  events: Iterable<RecordedEvent>,
): State {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}
