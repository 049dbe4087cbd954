/** The shell's only source of record time; tests inject a fixed or stepping clock. */
export interface Clock {
  /** the current instant as an ISO 8601 UTC string */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export const CLOCK = Symbol('Clock');
