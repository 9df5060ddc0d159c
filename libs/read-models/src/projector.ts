import {
  EventStore,
  inSpan,
  RecordedEvent,
  StoreUnavailableError,
  Subscription,
  traceOfEvents,
} from '@fresh/event-store';
import { describeEvent, projectBatch, ProjectionFailure } from './project-batch';
import { ALL_PROJECTIONS } from './projections/all-projections';
import { Projection, writesOf } from './projections/projection';
import { ReadOp, ReadOpRefusedError, ReadStore } from './read-store.port';

export const PROJECTOR_CHECKPOINT = 'projector';

export interface ProjectorStatus {
  state: 'stopped' | 'running' | 'stalled' | 'reconnecting';
  generation?: string;
  /** The last log position whose changes are committed. */
  position?: string;
  stalled?: ProjectionFailure;
  /** Why the projector is waiting to reconnect to a store. */
  lost?: string;
}

export interface ProjectorLog {
  error(message: string): void;
}

/**
 * Keeps the read models of one generation current: a catch-up subscription from the stored
 * checkpoint; each batch's changes and its checkpoint are committed together. A projection that
 * throws, or a change the read store refuses for good (ReadOpRefusedError: a bad update, a
 * document too large), stops the projector at that event, with a log line naming the event and
 * the projection; the read models stay at the last good state and the status says "stalled". A
 * store that cannot be reached (StoreUnavailableError) is tried again every second.
 */
export class Projector {
  private subscription?: Subscription;
  private status: ProjectorStatus = { state: 'stopped' };
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly log: ProjectorLog,
    private readonly projections: readonly Projection[] = ALL_PROJECTIONS,
  ) {
    projections.forEach(writesOf); // a projection whose declared writes are unsupported is refused here
  }

  get current(): ProjectorStatus {
    return this.status;
  }

  async start(generation: string): Promise<void> {
    this.stopped = false;
    const after = await this.reads.checkpoint(generation, PROJECTOR_CHECKPOINT);
    this.status = { state: 'running', generation, position: after?.toString() };
    this.subscription = this.events.subscribeToAll({ after, batchSize: 1_000 }, (batch) =>
      this.applyTraced(generation, batch),
    );
    this.subscription.done.catch((error: unknown) => this.lost(generation, error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
    this.subscription = undefined;
    if (this.status.state === 'running') this.status = { ...this.status, state: 'stopped' };
  }

  /** Resolves once the read models include the event at `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.reached(position)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /**
   * One batch in a span `projector batch`: a child of the trace its first traced event was
   * recorded under (so a command's trace runs on to the projection of its events), linked to the
   * others' (a batch may hold the events of many commands).
   */
  private applyTraced(generation: string, batch: RecordedEvent[]): Promise<void> {
    const { parent, links } = traceOfEvents(batch.map((e) => e.metadata.traceparent));
    return inSpan(
      'projector batch',
      {
        'fresh.generation': generation,
        'fresh.events.count': batch.length,
        ...(batch.length > 0 && {
          'fresh.position.first': batch[0].position.toString(),
          'fresh.position.last': batch[batch.length - 1].position.toString(),
        }),
      },
      () => this.apply(generation, batch),
      { parent, links },
    );
  }

  private async apply(generation: string, batch: RecordedEvent[]): Promise<void> {
    const { ops, origins, last, failure } = projectBatch(batch, this.projections);
    if (last !== undefined) {
      try {
        await this.commit(generation, ops, last);
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error; // lost(): tried again every second
        if (error instanceof ReadOpRefusedError && ops.includes(error.op))
          await this.stallAtRefused(generation, error, ops, origins, batch);
        // Anything else the read store throws is an answer, not a lost connection: trying again
        // cannot help, so stop at the batch's first event and say so.
        this.stall({
          projection: [...new Set(origins)].join(', '),
          event: describeEvent(batch[0]),
          error: `the read store refused events ${batch[0].position}..${last}: ${
            error instanceof Error ? error.message : String(error)
          }`,
        });
      }
    }
    if (failure) this.stall(failure);
  }

  private async commit(generation: string, ops: ReadOp[], position: bigint): Promise<void> {
    await this.reads.commit(generation, ops, { name: PROJECTOR_CHECKPOINT, position });
    this.status = { ...this.status, position: position.toString() };
    this.release();
  }

  /** The store refused an op for good: commits the events before its event, then stalls there. */
  private async stallAtRefused(
    generation: string,
    error: ReadOpRefusedError,
    ops: ReadOp[],
    origins: string[],
    batch: RecordedEvent[],
  ): Promise<never> {
    const at = error.op.position;
    const before = batch.filter((e) => e.position < at);
    if (before.length > 0)
      await this.commit(
        generation,
        ops.filter((o) => o.position < at),
        before[before.length - 1].position,
      );
    this.stall({
      projection: origins[ops.indexOf(error.op)],
      event: describeEvent(batch.find((e) => e.position === at)!),
      error: error.message,
    });
  }

  /** Stops at an event that cannot be projected: one log line naming it and the projection. */
  private stall(failure: ProjectionFailure): never {
    this.status = { ...this.status, state: 'stalled', stalled: failure };
    this.log.error(
      `projector stalled: projection "${failure.projection}" failed on event ${failure.event.type} ` +
        `at position ${failure.event.position} (${failure.event.streamId}@${failure.event.revision}): ${failure.error}`,
    );
    throw new Error(`projection ${failure.projection} failed`);
  }

  /** A store went away (not a projection failure): try again every second until it is back. */
  private lost(generation: string, error: unknown): void {
    if (this.stopped || this.status.state === 'stalled') return;
    const reason = error instanceof Error ? error.message : String(error);
    if (this.status.state !== 'reconnecting')
      this.log.error(`projector lost a store, retrying every second: ${reason}`);
    this.status = { ...this.status, generation, state: 'reconnecting', lost: reason };
    this.retry = setTimeout(() => {
      this.start(generation).catch((again: unknown) => this.lost(generation, again));
    }, 1_000);
    this.retry.unref();
  }

  private reached(position: bigint): boolean {
    return this.status.position !== undefined && BigInt(this.status.position) >= position;
  }

  private release(): void {
    const ready = this.waiters.filter((w) => this.reached(w.position));
    this.waiters = this.waiters.filter((w) => !this.reached(w.position));
    ready.forEach((w) => w.resolve());
  }
}
