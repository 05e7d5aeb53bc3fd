import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/rateLimiter.js';

/** Takes one message every `everyMs` for `forMs` and counts the verdicts. */
function flood(limiter: RateLimiter, clock: { ms: number }, everyMs: number, forMs: number) {
  const verdicts = { allow: 0, warn: 0, drop: 0 };
  for (const end = clock.ms + forMs; clock.ms < end; clock.ms += everyMs) verdicts[limiter.take('user')] += 1;
  return verdicts;
}

describe('RateLimiter', () => {
  it('answers a burst at once, then one a second, and warns once per flood however long it lasts', () => {
    const clock = { ms: 0 };
    const limiter = new RateLimiter(10, 1, () => clock.ms);
    // Three messages a second for a minute: more than the refill, so the flood never ends.
    const verdicts = flood(limiter, clock, 333, 60_000);
    expect(verdicts.warn).toBe(1);
    expect(verdicts.allow).toBeGreaterThanOrEqual(10 + 59);
    expect(verdicts.allow).toBeLessThanOrEqual(10 + 61);
  });

  it('a new flood after a quiet spell long enough to refill the burst gets its own warning', () => {
    const clock = { ms: 0 };
    const limiter = new RateLimiter(10, 1, () => clock.ms);
    expect(flood(limiter, clock, 10, 1000).warn).toBe(1);
    clock.ms += 5_000;
    expect(flood(limiter, clock, 10, 1000).warn).toBe(0);
    clock.ms += 11_000;
    expect(flood(limiter, clock, 10, 1000).warn).toBe(1);
  });

  it('activities that cannot take an answer do not use up the warning of a flood', () => {
    const limiter = new RateLimiter(2, 1, () => 0);
    expect([limiter.take('a', false), limiter.take('a', false), limiter.take('a', false), limiter.take('a', false)]).toEqual([
      'allow',
      'allow',
      'drop',
      'drop',
    ]);
    expect([limiter.take('a'), limiter.take('a')]).toEqual(['warn', 'drop']);
  });

  it('keeps users apart', () => {
    const limiter = new RateLimiter(2, 1, () => 0);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual(['allow', 'allow', 'warn', 'allow']);
  });
});
