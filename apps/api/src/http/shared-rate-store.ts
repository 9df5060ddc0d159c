import { Logger } from '@nestjs/common';
import { RateCount, RateCounts } from '@fresh/access';

type Callback = (error: Error | null, count?: RateCount) => void;

/**
 * @fastify/rate-limit's store, counting in service.db (RateCounts) instead of in this process's
 * memory: the workers of FRESH_WORKERS, and any other process on the data dir, share one limit.
 */
export function sharedRateStore(counts: RateCounts, logger = new Logger('http')) {
  let warned = 0;
  return class SharedRateStore {
    incr(requester: string, done: Callback, windowMs: number): void {
      let count: RateCount;
      try {
        count = counts.add(requester, Date.now(), windowMs);
      } catch (error) {
        if (Date.now() - warned > 60_000) {
          warned = Date.now();
          logger.warn(
            `the rate limit cannot count in service.db, requests pass: ${(error as Error).message}`,
          );
        }
        return done(error as Error); // service.db cannot count now: the request passes (skipOnError)
      }
      done(null, count);
    }

    child(): SharedRateStore {
      return this;
    }
  };
}
