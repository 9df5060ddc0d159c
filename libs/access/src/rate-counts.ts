import { ServiceDatabase } from './service-database';

/** How many requests a requester sent in the current window, and how long the window still runs. */
export interface RateCount {
  current: number;
  ttl: number;
}

/**
 * Request counts per requester in fixed windows, in service.db, so every process on a data dir
 * (the workers of FRESH_WORKERS) counts against one limit. One upsert per request.
 */
export class RateCounts {
  private readonly bump;
  private readonly prune;
  private pruned = 0;

  constructor(service: ServiceDatabase) {
    service.db.exec(`CREATE TABLE IF NOT EXISTS rate_counts (
      requester  TEXT PRIMARY KEY,
      started_at INTEGER NOT NULL,
      count      INTEGER NOT NULL
    ) WITHOUT ROWID`);
    this.bump = service.db.prepare<
      [{ requester: string; now: number; window: number }],
      { started_at: number; count: number }
    >(
      `INSERT INTO rate_counts (requester, started_at, count) VALUES (@requester, @now, 1)
       ON CONFLICT (requester) DO UPDATE SET
         count      = CASE WHEN started_at + @window <= @now THEN 1 ELSE count + 1 END,
         started_at = CASE WHEN started_at + @window <= @now THEN @now ELSE started_at END
       RETURNING started_at, count`,
    );
    this.prune = service.db.prepare('DELETE FROM rate_counts WHERE started_at + ? <= ?');
  }

  /** Counts one request of `requester` in its window of `windowMs` (a new one once it ended). */
  add(requester: string, nowMs: number, windowMs: number): RateCount {
    if (nowMs - this.pruned >= windowMs) {
      this.pruned = nowMs;
      this.prune.run(windowMs, nowMs); // windows that ended: one statement per window, not per request
    }
    const { started_at, count } = this.bump.get({ requester, now: nowMs, window: windowMs })!;
    return { current: count, ttl: started_at + windowMs - nowMs };
  }
}
