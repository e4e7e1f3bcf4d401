/** The clock is outside the machine's logic: services read time only through it, so tests can set it. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };
