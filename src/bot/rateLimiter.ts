/**
 * A token bucket per user: a burst of a few messages is answered at once, a flood is slowed down.
 * Buckets of users who have been quiet for a while are forgotten, so memory does not grow with
 * the number of users.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number; warned: boolean }>();
  private checksSincePrune = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `allow` to answer; `warn` once per flood to say it politely; `drop` for the rest of the flood.
   * A flood is over when the user has been quiet long enough for the whole burst to come back.
   * `mayWarn` is false for activities that cannot take a warning as an answer.
   */
  take(key: string, mayWarn = true): 'allow' | 'warn' | 'drop' {
    const nowMs = this.now();
    this.prune(nowMs);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedMs: nowMs, warned: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * this.perSecond);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= this.burst) bucket.warned = false;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 'allow';
    }
    // Activities nobody reads an answer to (typing, updates) never use up the one warning of a flood.
    if (bucket.warned || !mayWarn) return 'drop';
    bucket.warned = true;
    return 'warn';
  }

  private prune(nowMs: number): void {
    this.checksSincePrune += 1;
    if (this.checksSincePrune < 1000) return;
    this.checksSincePrune = 0;
    // A full bucket is as good as none.
    const refillMs = (this.burst / this.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (nowMs - bucket.updatedMs > refillMs) this.buckets.delete(key);
  }
}
