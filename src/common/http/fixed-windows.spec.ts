import { FixedWindows } from './fixed-windows';

describe('FixedWindows', () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits per key, blocks past the limit, and resets after the window', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const windows = new FixedWindows();
    for (let hit = 1; hit <= 3; hit++) expect(windows.hit('ip:a', 60_000, 3)).toEqual({ blocked: false, secondsLeft: 60 });
    expect(windows.hit('ip:a', 60_000, 3)).toEqual({ blocked: true, secondsLeft: 60 });
    expect(windows.hit('token:a', 60_000, 3)).toEqual({ blocked: false, secondsLeft: 60 });

    jest.setSystemTime(1_000_000 + 30_000);
    expect(windows.hit('ip:a', 60_000, 3)).toEqual({ blocked: true, secondsLeft: 30 });
    jest.setSystemTime(1_000_000 + 60_001);
    expect(windows.hit('ip:a', 60_000, 3)).toEqual({ blocked: false, secondsLeft: 60 });
  });

  it('gives a released hit back within its window only', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const windows = new FixedWindows();
    windows.hit('client:x', 60_000, 1);
    windows.release('client:x');
    expect(windows.hit('client:x', 60_000, 1).blocked).toBe(false);
    expect(windows.hit('client:x', 60_000, 1).blocked).toBe(true);
    jest.setSystemTime(1_000_000 + 60_001);
    windows.release('client:x'); // the window is over: nothing to give back
    expect(windows.hit('client:x', 60_000, 1).blocked).toBe(false);
    expect(windows.hit('client:x', 60_000, 1).blocked).toBe(true);
  });
});
