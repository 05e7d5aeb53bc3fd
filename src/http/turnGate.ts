/**
 * Admits turns to the bot: a bounded number at a time, so that a flood (of users, conversations or
 * events) is turned away at once instead of queueing up behind everyone's answers; and none once
 * the process shuts down, so that the turns in flight can finish and nothing new begins.
 */
export class TurnGate {
  private inFlight = 0;
  private draining = false;
  private whenIdle: (() => void)[] = [];

  constructor(readonly maxInFlight: number) {}

  /** `admitted` (then call `leave` when the turn is done), `busy` when full, `draining` when shutting down. */
  enter(): 'admitted' | 'busy' | 'draining' {
    if (this.draining) return 'draining';
    if (this.inFlight >= this.maxInFlight) return 'busy';
    this.inFlight += 1;
    return 'admitted';
  }

  leave(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) for (const resolve of this.whenIdle.splice(0)) resolve();
  }

  get turnsInFlight(): number {
    return this.inFlight;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Admits nothing from now on; resolves when the last turn in flight has left. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenIdle.push(resolve));
  }
}
