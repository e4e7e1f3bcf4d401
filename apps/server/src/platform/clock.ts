/** The clock is outside the machine's logic: services read time only through it, so tests can set it. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

/** The system clock moved by a fixed amount (CLOCK_OFFSET_MINUTES, never in production). */
export const shiftedClock = (minutes: number): Clock =>
  minutes === 0 ? systemClock : { now: () => new Date(Date.now() + minutes * 60_000) };
