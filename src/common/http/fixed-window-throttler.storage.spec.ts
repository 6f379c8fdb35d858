import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits per key and throttler, blocks past the limit, and resets after the window', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const storage = new FixedWindowThrottlerStorage();
    for (let hit = 1; hit <= 3; hit++) {
      expect(await storage.increment('a', 60_000, 3, 0, 'ip')).toMatchObject({ totalHits: hit, isBlocked: false });
    }
    expect(await storage.increment('a', 60_000, 3, 0, 'ip')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await storage.increment('a', 60_000, 3, 0, 'token')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('b', 60_000, 3, 0, 'ip')).toMatchObject({ totalHits: 1 });

    jest.setSystemTime(1_000_000 + 30_000);
    expect(await storage.increment('a', 60_000, 3, 0, 'ip')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await storage.increment('a', 60_000, 3, 0, 'ip')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
