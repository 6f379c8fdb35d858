/**
 * When a failed delivery is tried again: the schedule's delay for this retry (the last delay
 * repeats), spread by ±20 % so that receivers coming back from an outage are not hit by every
 * queued delivery in the same second. `random` is injectable for tests.
 */
export function retryDelayMs(schedule: readonly number[], failedAttempts: number, random: () => number = Math.random): number {
  const base = schedule[Math.min(Math.max(failedAttempts, 1), schedule.length) - 1];
  return Math.round(base * (0.8 + 0.4 * random()));
}
