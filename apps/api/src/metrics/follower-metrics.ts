import { Injectable } from '@nestjs/common';
import { EventStore, toEsdbPosition } from '@fresh/event-store';
import { ReadStore } from '@fresh/read-models';
import { Gauge } from 'prom-client';
import { NotaryService } from '../infrastructure/notary.service';
import { ProjectorService } from '../infrastructure/projector.service';
import { ServiceMetrics } from './service-metrics';

/** Lag is counted by reading the events after a position: at most this many per scrape. */
export const LAG_COUNT_CAP = 10_000;

interface Follower {
  /** The `projection` label. */
  name: string;
  states: readonly string[];
  /** States in which this process does not follow the log: it then reports no position. */
  idle: readonly string[];
  current(): { state: string; position?: string };
}

/** Where a follower stands: 0 before its first event; undefined when it does not run here. */
function positionOf({ idle, current }: Follower): bigint | undefined {
  const { state, position } = current();
  if (position !== undefined) return BigInt(position);
  return idle.includes(state) ? undefined : 0n;
}

type Lags = Map<string, { events: number; seconds: number }>;

/**
 * A log position as a gauge's number: SQLite's sequence number as it is; an EventStoreDB position
 * (commit × 2^64 + prepare) as its commit position, which a float holds exactly and which grows
 * with the log.
 */
const gaugeable = (position: bigint): number =>
  Number(position >= 1n << 64n ? toEsdbPosition(position).commit : position);

const answers = (probe: () => Promise<unknown>): Promise<number> =>
  probe().then(
    (answer) => (answer === false ? 0 : 1),
    () => 0,
  );

/**
 * What follows the log in this process — the projector (the read models) and the notary (its
 * Merkle tree) — as gauges computed when scraped: position, lag behind the head in events and in
 * seconds (the age of the oldest event not yet applied; 0 when caught up), and state; and whether
 * each store answers. A process that does not run a follower (FRESH_PROJECTOR=off, a notary on
 * standby) reports no series for it, so that in cluster mode the primary's aggregation (max)
 * shows the one process that does.
 */
@Injectable()
export class FollowerMetrics {
  private readonly followers: Follower[];
  /** One read of the log serves both lag gauges of a scrape (prom-client collects them together). */
  private scrape?: Promise<Lags>;

  constructor(
    metrics: ServiceMetrics,
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    projector: ProjectorService,
    notary: NotaryService,
  ) {
    this.followers = [
      {
        name: 'projector',
        states: ['stopped', 'running', 'stalled', 'reconnecting'],
        idle: ['stopped'],
        current: () => projector.status(),
      },
      {
        name: 'notary',
        states: ['off', 'standby', 'running', 'failed'],
        idle: ['off', 'standby'],
        current: () => notary.status(),
      },
    ];
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- collect() gets the gauge as `this`
    const common = { labelNames: ['projection'] as const, registers: [metrics.registry] };
    new Gauge({
      ...common,
      name: 'fresh_projector_position',
      help: 'The last log position a follower of the log has applied (projector: read models; notary: Merkle tree)',
      aggregator: 'max',
      collect() {
        this.reset();
        for (const follower of self.followers) {
          const position = positionOf(follower);
          if (position !== undefined) this.set({ projection: follower.name }, gaugeable(position));
        }
      },
    });
    new Gauge({
      ...common,
      name: 'fresh_projector_lag_events',
      help: `Events in the log after the follower's position (counted up to ${LAG_COUNT_CAP})`,
      aggregator: 'max',
      async collect() {
        this.reset();
        for (const [name, lag] of await self.lags()) this.set({ projection: name }, lag.events);
      },
    });
    new Gauge({
      ...common,
      name: 'fresh_projector_lag_seconds',
      help: 'Age of the oldest event the follower has not applied yet; 0 when caught up',
      aggregator: 'max',
      async collect() {
        this.reset();
        for (const [name, lag] of await self.lags()) this.set({ projection: name }, lag.seconds);
      },
    });
    new Gauge({
      name: 'fresh_projector_state',
      help: "The follower's state: 1 for the state it is in, 0 for the others",
      labelNames: ['projection', 'state'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect() {
        this.reset();
        for (const { name, states, idle, current } of self.followers) {
          const now = current().state;
          if (idle.includes(now)) continue; // not followed here: another process reports it
          for (const state of states) this.set({ projection: name, state }, state === now ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'fresh_store_up',
      help: 'Whether a store answers now: 1 yes, 0 no (store: events, reads)',
      labelNames: ['store'] as const,
      registers: [metrics.registry],
      aggregator: 'min',
      async collect() {
        const [events, reads] = await Promise.all([
          answers(() => self.events.ping()),
          answers(() => self.reads.liveGeneration()),
        ]);
        this.set({ store: 'events' }, events);
        this.set({ store: 'reads' }, reads);
      },
    });
  }

  private lags(): Promise<Lags> {
    this.scrape ??= this.readLags().finally(() => (this.scrape = undefined));
    return this.scrape;
  }

  /** Each running follower's lag, from one read of the log after the furthest-behind position. */
  private async readLags(): Promise<Lags> {
    const lags: Lags = new Map();
    const running = this.followers.flatMap((follower) => {
      const position = positionOf(follower);
      return position === undefined ? [] : [{ name: follower.name, position }];
    });
    if (running.length === 0) return lags;
    const lowest = running.reduce((a, b) => (a.position < b.position ? a : b)).position;
    let behind;
    try {
      // Below the decorators: counting events opens no personal data.
      behind = await this.events.stored.readAll({
        after: lowest > 0n ? lowest : undefined,
        maxCount: LAG_COUNT_CAP,
      });
    } catch {
      return lags; // the store does not answer: fresh_store_up says so; no lag is made up
    }
    const now = Date.now();
    for (const { name, position } of running) {
      const first = behind.findIndex((event) => event.position > position);
      const oldest = first < 0 ? undefined : Date.parse(behind[first].metadata.recordedAt);
      lags.set(name, {
        events: first < 0 ? 0 : behind.length - first,
        seconds: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000),
      });
    }
    return lags;
  }
}
