import {
  AppendResult,
  EventsHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StoreUnavailableError,
  Subscription,
  WrongExpectedRevisionError,
} from '@fresh/event-store';
import { ServiceMetrics } from './service-metrics';

/** The event store, with each append timed and each lost race counted; everything else as is. */
export class MeasuredEventStore extends EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly metrics: ServiceMetrics,
  ) {
    super();
  }

  override get stored(): EventStore {
    return this.inner.stored;
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const started = performance.now();
    const took = (result: string) =>
      this.metrics.appendDuration.observe({ result }, (performance.now() - started) / 1000);
    try {
      const result = await this.inner.append(streamId, events, expected);
      took('ok');
      return result;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        took('conflict');
        this.metrics.appendConflicts.inc();
      } else took(error instanceof StoreUnavailableError ? 'unavailable' : 'error');
      throw error;
    }
  }

  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, fromRevision);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription {
    return this.inner.subscribeToAll(options, handler);
  }

  headPosition(): Promise<bigint | undefined> {
    return this.inner.headPosition();
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  override hasRoom(): Promise<boolean> {
    return this.inner.hasRoom();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
