import { Injectable } from '@nestjs/common';
import { DomainEvent, SCHEMA_VERSIONS, Seen } from '@fresh/domain';
import {
  activeTraceparent,
  EventStore,
  IdempotencyRecord,
  inSpan,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@fresh/event-store';
import { Clock } from './clock';
import { idempotentEventId, Ids } from './ids';
import { CommandEnvelope } from './command-envelope';
import { Source } from './sources';

/** A command that kept losing races for its stream. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    attempts: number,
  ) {
    super(`stream ${streamId} kept changing; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** An Idempotency-Key already recorded in the stream with another request. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('this Idempotency-Key was used with another request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Where a command sent with an Idempotency-Key recorded its events in a stream. */
interface Recording {
  fingerprint: string;
  revision: number;
  count: number;
}

/** A stream as folded so far, with the Idempotency-Keys its events carry. */
interface Loaded<S> extends Seen<S> {
  keys?: Map<string, Recording>;
}

type Sources = Record<string, Source<unknown, never>>;
type Seen_<T extends Sources> = {
  [K in keyof T]: T[K] extends Source<infer S, never> ? Seen<S> : never;
};

export interface Decision<State, Event, Context extends Sources> {
  /** The stream the command writes to, and the streams it only reads. */
  target: Source<State, Event>;
  reads: Context;
  commandType: string;
  businessDate: string;
  decide(state: State, context: Seen_<Context>): DomainEvent[];
}

export const MAX_ATTEMPTS = 5;
/** How many stream states the runner keeps before it starts again from none. */
const MAX_CACHED_STATES = 50_000;

/** A short random pause, growing with each lost race, so racers stop colliding in lockstep. */
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * 2 ** attempt));

/**
 * Runs a decision: load, decide, append at the revision read; on a lost race load again and
 * decide again, a bounded number of times.
 *
 * A command sent with an Idempotency-Key records the key in its events' metadata, in the same
 * append. Before deciding, the runner looks for the key among the target stream's events: found,
 * it answers the events recorded then (a retry after a crash, or a race lost to another process,
 * finds them there); found with another request, it refuses. The append at the revision read
 * makes two racers settle on one recording: the loser reads again and finds the winner's key.
 */
@Injectable()
export class DecisionRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /**
   * In a span `decide <command type>`: loading, deciding and appending, every attempt. The events
   * carry the span's trace context (metadata.traceparent) when it records.
   */
  run<State, Event, Context extends Sources>(
    envelope: CommandEnvelope,
    decision: Decision<State, Event, Context>,
  ): Promise<RecordedEvent[]> {
    return inSpan(
      `decide ${decision.commandType}`,
      {
        'fresh.command.type': decision.commandType,
        'fresh.stream_id': decision.target.streamId,
      },
      (span) =>
        this.decide(envelope, decision, activeTraceparent(), (attempts) =>
          span.setAttribute('fresh.decision.attempts', attempts),
        ),
    );
  }

  private async decide<State, Event, Context extends Sources>(
    envelope: CommandEnvelope,
    decision: Decision<State, Event, Context>,
    traceparent: string | undefined,
    attempted: (attempts: number) => void,
  ): Promise<RecordedEvent[]> {
    for (let attempt = 1; ; attempt++) {
      attempted(attempt);
      const [target, ...reads] = await Promise.all([
        this.load(decision.target),
        ...Object.values(decision.reads).map((source) => this.load(source)),
      ]);
      const recorded = envelope.idempotency && (await this.recorded(target, envelope.idempotency));
      if (recorded) return recorded;
      const context = Object.fromEntries(
        Object.keys(decision.reads).map((key, i) => [key, reads[i]]),
      );
      const events = decision.decide(target.state as State, context as Seen_<Context>);
      try {
        const expected = target.revision < 0 ? 'no_stream' : target.revision;
        const result = await this.store.append(
          target.streamId,
          events.map((e, index) => this.toNew(e, index, envelope, decision, traceparent)),
          expected,
        );
        return result.events;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(target.streamId, attempt);
        await backOff(attempt);
      }
    }
  }

  /** The events a command with this key recorded in the stream, or undefined when it recorded none. */
  private async recorded(
    stream: Loaded<unknown>,
    idempotency: IdempotencyRecord,
  ): Promise<RecordedEvent[] | undefined> {
    const recording = stream.keys?.get(idempotency.key);
    if (!recording) return undefined;
    if (recording.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError();
    const events = await this.store.readStream(stream.streamId, recording.revision);
    return events.slice(0, recording.count);
  }

  /**
   * Streams only grow, so a state folded up to a revision stays true: keep the latest states and
   * read only the events after them. The append still checks the revision, so a stale state is
   * caught as a conflict like any other.
   */
  private readonly states = new Map<string, Loaded<unknown>>();

  private async load<S, E>(source: Source<S, E>): Promise<Loaded<S>> {
    const cached = this.states.get(source.streamId) as Loaded<S> | undefined;
    const events = await this.store.readStream(source.streamId, cached ? cached.revision + 1 : 0);
    let state = cached?.state ?? source.initialState();
    let revision = cached?.revision ?? -1;
    let keys = cached?.keys;
    for (const event of events) {
      state = source.evolve(state, event as unknown as E);
      revision = event.revision;
      const idempotency = event.metadata.idempotency;
      if (idempotency) {
        // A copy: another command may be loading from the same cached map.
        if (!keys || keys === cached?.keys) keys = new Map(keys);
        const { key, fingerprint } = idempotency;
        const recording = keys.get(key);
        if (!recording) keys.set(key, { fingerprint, revision, count: 1 });
        else if (recording.revision + recording.count === revision)
          keys.set(key, { ...recording, count: recording.count + 1 });
      }
    }
    if (revision >= 0) {
      // Forgetting all at once keeps this O(1): evicting the oldest key of a Map that has seen
      // many deletions walks their holes, which cost a fifth of the command path at 300k events.
      if (this.states.size >= MAX_CACHED_STATES && !this.states.has(source.streamId))
        this.states.clear();
      this.states.set(source.streamId, { streamId: source.streamId, revision, state, keys });
    }
    return { streamId: source.streamId, revision, state, keys };
  }

  private toNew(
    event: DomainEvent,
    index: number,
    envelope: CommandEnvelope,
    decision: { commandType: string; businessDate: string },
    traceparent: string | undefined,
  ) {
    return {
      type: event.type,
      schemaVersion: SCHEMA_VERSIONS[event.type],
      data: event.data,
      metadata: {
        eventId: envelope.idempotency
          ? idempotentEventId(envelope.idempotency, index)
          : this.ids.next(),
        correlationId: envelope.correlationId,
        causationId: envelope.commandId,
        actor: envelope.actor,
        businessDate: decision.businessDate,
        recordedAt: this.clock.now().toISOString(),
        command: {
          type: decision.commandType,
          route: envelope.route,
          receivedAt: envelope.receivedAt,
        },
        ...(envelope.idempotency && { idempotency: envelope.idempotency }),
        ...(traceparent && { traceparent }),
      },
    };
  }
}
