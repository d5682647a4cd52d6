// The time the server acts at. Every instant a service writes or decides by (a record's and an
// audit entry's time, a serial number's period, TODAY() and NOW() in formulas, the expiry of a
// session or an API key) is read from one Clock that buildApp passes down, so a test can set the
// time the server lives in and a deployment has one place where "now" comes from.
// Not read through it: cache freshness and rate limits (how long ago this process looked, not
// business time) and document ids (their time part only orders them).

export interface Clock {
  /** The current instant; a new Date on each call, so callers may keep it. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** The clock's instant as stored everywhere: ISO 8601 in UTC. */
export const nowIso = (clock: Clock): string => clock.now().toISOString();

/** The clock's instant in whole unix seconds (session tokens). */
export const nowSeconds = (clock: Clock): number => Math.floor(clock.now().getTime() / 1000);
