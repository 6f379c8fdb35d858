import { retryDelayMs } from './retry-schedule';

describe('retryDelayMs', () => {
  const schedule = [5_000, 30_000, 120_000];

  it('follows the schedule by the number of failed attempts and repeats its last delay', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 10].map((failed) => retryDelayMs(schedule, failed, middle))).toEqual([5_000, 30_000, 120_000, 120_000, 120_000]);
  });

  it('spreads each delay by at most 20 % either way', () => {
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(4_000);
    expect(retryDelayMs(schedule, 1, () => 0.999999)).toBe(6_000);
  });
});
