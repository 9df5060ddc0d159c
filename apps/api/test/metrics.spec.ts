import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@fresh/commands';
import { DomainError, InvalidCommandError } from '@fresh/domain';
import {
  AppendResult,
  EventStore,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@fresh/event-store';
import { MeasuredEventStore } from '../src/metrics/measured-event-store';
import { outcomeOf } from '../src/metrics/command-outcome';
import { ServiceMetrics } from '../src/metrics/service-metrics';

/** A metric's samples as `metricName{labels}` → value. */
const samplesOf = async (metrics: ServiceMetrics, name: string) => {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(
    values.map((v) => [
      `${(v as { metricName?: string }).metricName ?? name}${JSON.stringify(v.labels)}`,
      v.value,
    ]),
  );
};
const unavailable = () => new StoreUnavailableError('the event store', new Error('gone'));

describe('the measured event store', () => {
  const storeAnswering = (append: () => Promise<AppendResult>) =>
    ({ append, stored: undefined }) as unknown as EventStore;

  it('times appends by result and counts each lost race', async () => {
    const metrics = new ServiceMetrics();
    const answers = [
      () => Promise.resolve({ nextRevision: 1, events: [] }),
      () => Promise.reject(new WrongExpectedRevisionError('sale-S-1', 0, 1)),
      () => Promise.reject(new WrongExpectedRevisionError('sale-S-1', 1, 2)),
      () => Promise.reject(unavailable()),
    ];
    let call = 0;
    const store = new MeasuredEventStore(
      storeAnswering(() => answers[call++]()),
      metrics,
    );
    await store.append('sale-S-1', [], 'no_stream');
    await expect(store.append('sale-S-1', [], 0)).rejects.toThrow(WrongExpectedRevisionError);
    await expect(store.append('sale-S-1', [], 1)).rejects.toThrow(WrongExpectedRevisionError);
    await expect(store.append('sale-S-1', [], 2)).rejects.toThrow(StoreUnavailableError);

    expect(await samplesOf(metrics, 'fresh_event_store_append_conflicts_total')).toEqual({
      'fresh_event_store_append_conflicts_total{}': 2,
    });
    const durations = await samplesOf(metrics, 'fresh_event_store_append_duration_seconds');
    const count = 'fresh_event_store_append_duration_seconds_count';
    expect([
      durations[`${count}{"result":"ok"}`],
      durations[`${count}{"result":"conflict"}`],
      durations[`${count}{"result":"unavailable"}`],
    ]).toEqual([1, 2, 1]);
  });
});

describe('the outcome of a command that threw', () => {
  it.each([
    [new DomainError('EXPERIMENT_NOT_ACTIVE', 'x'), 'refused', 'EXPERIMENT_NOT_ACTIVE'],
    [new DomainError('PARTNER_NOT_FOUND', 'x'), 'refused', 'PARTNER_NOT_FOUND'],
    [new DomainError('ALREADY_EXISTS', 'x'), 'refused', 'ALREADY_EXISTS'],
    [new ConcurrencyConflictError('sale-S-1', 5), 'conflict', 'CONCURRENCY_CONFLICT'],
    [new IdempotencyKeyReusedError(), 'conflict', 'IDEMPOTENCY_KEY_REUSED'],
    [unavailable(), 'unavailable', 'STORE_UNAVAILABLE'],
    [new InvalidCommandError('quantity', 'must be ≥ 1'), 'invalid', 'VALIDATION_FAILED'],
    [new Error('a bug'), 'failed', 'INTERNAL'],
  ])('%s → %s %s', (error, outcome, code) => {
    expect(outcomeOf(error)).toEqual({ outcome, code });
  });
});
