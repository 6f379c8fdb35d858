import { Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * Nest's Reflector, remembering each (key, target) answer. Decorator metadata is fixed once
 * the routes exist, and the guards ask the same questions on every request: the rate limiter
 * alone asks twelve (skip, limit, ttl, block, tracker, key per budget, each on handler and
 * class), which with the others was 1.5 % of a GET's CPU. Every read of Reflector
 * (get, getAll, getAllAndOverride, getAllAndMerge) goes through `get`, so this is the one override.
 */
export class MemoizedReflector extends Reflector {
  private readonly answers = new Map<unknown, WeakMap<object, unknown>>();

  override get<TResult = unknown, TKey = unknown>(metadataKey: TKey, target: object): TResult;
  override get(metadataKey: unknown, target: object): unknown {
    let byTarget = this.answers.get(metadataKey);
    if (!byTarget) this.answers.set(metadataKey, (byTarget = new WeakMap()));
    if (byTarget.has(target)) return byTarget.get(target);
    const answer: unknown = super.get(metadataKey as string, target as Type);
    byTarget.set(target, answer);
    return answer;
  }
}
