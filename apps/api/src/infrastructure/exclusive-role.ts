import { Leases } from '@fresh/access';
import { randomUUID } from 'node:crypto';

/** How long a lease lasts without renewal, and how often its holder renews it. */
export const LEASE_TTL_MS = 10_000;
const RENEW_MS = 3_000;

/**
 * Work that one process on a data dir must do alone (the notary, the audit index): it starts when
 * this process takes the role's lease, and stops if it ever loses it. Another process that starts
 * on the same data dir stands by, and takes over within LEASE_TTL_MS of the holder's end.
 */
export class ExclusiveRole {
  private readonly holder = `${process.pid}-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private held = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly leases: Leases,
    private readonly name: string,
    private readonly work: { start: () => void; stop: () => Promise<void> },
  ) {}

  get holding(): boolean {
    return this.held;
  }

  begin(): void {
    this.renew();
    this.timer = setInterval(() => this.renew(), RENEW_MS).unref();
  }

  /** Resolves once the work the last renewal started (or stopped) has started (or stopped). */
  settled(): Promise<void> {
    return this.running;
  }

  async end(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    if (this.held) {
      this.held = false;
      await this.work.stop();
      this.leases.release(this.name, this.holder);
    }
  }

  private renew(): void {
    let has: boolean;
    try {
      has = this.leases.hold(this.name, this.holder, Date.now(), LEASE_TTL_MS);
    } catch {
      has = false; // service.db cannot be written now: hold nothing until it can
    }
    if (has === this.held) return;
    this.held = has;
    this.running = this.running
      .then(() => (has ? this.work.start() : this.work.stop()))
      .catch(() => {
        // The work would not start (or stop) cleanly: give the role up; the next renewal retries.
        this.held = false;
        this.leases.release(this.name, this.holder);
      });
  }
}
