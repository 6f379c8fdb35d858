import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MemoizedReflector } from './memoized-reflector';

@SetMetadata('role', 'class-role')
@SetMetadata('only-class', 1)
class Decorated {
  @SetMetadata('role', 'handler-role')
  handler(): void {}

  plain(): void {}
}

describe('MemoizedReflector', () => {
  const targets = (name: 'handler' | 'plain') => [Decorated.prototype[name], Decorated];

  it("answers what Nest's Reflector answers, the handler's metadata over the class's", () => {
    const [nest, memoized] = [new Reflector(), new MemoizedReflector()];
    for (const key of ['role', 'only-class', 'absent']) {
      for (const name of ['handler', 'plain'] as const) {
        expect(memoized.getAllAndOverride(key, targets(name))).toEqual(nest.getAllAndOverride(key, targets(name)));
        expect(memoized.getAllAndMerge(key, targets(name))).toEqual(nest.getAllAndMerge(key, targets(name)));
      }
    }
    expect(memoized.getAllAndOverride('role', targets('handler'))).toBe('handler-role');
    expect(memoized.getAllAndOverride('role', targets('plain'))).toBe('class-role');
  });

  it('asks the metadata once per key and target, also when there is none', () => {
    const memoized = new MemoizedReflector();
    const read = jest.spyOn(Reflect, 'getMetadata');
    for (let i = 0; i < 3; i++) {
      memoized.getAllAndOverride('role', targets('handler'));
      memoized.getAllAndOverride('absent', targets('plain'));
    }
    // role: found on the handler (1 read); absent: handler and class (2 reads).
    expect(read).toHaveBeenCalledTimes(3);
    read.mockRestore();
  });
});
