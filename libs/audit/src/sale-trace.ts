import {
  clientSource,
  experimentsSource,
  partnerSource,
  priceListSource,
  Source,
} from '@fresh/commands';
import {
  DiscountApplied,
  DiscountInputs,
  DomainError,
  experimentsDecider,
  InvalidCommandError,
  priceSale,
  SaleContext,
  Seen,
  streams,
  SubscriptionSold,
} from '@fresh/domain';
import { EventStore, RecordedEvent } from '@fresh/event-store';
import { isDeepStrictEqual } from 'node:util';

type Decision = Pick<
  DiscountApplied['data'],
  'rule' | 'rate' | 'retail' | 'discount' | 'net' | 'policyVersion'
>;

export interface Rederivation extends Partial<Decision> {
  policyVersion: string;
  /** The facts read again from each input stream at its recorded revision equal the recorded ones. */
  inputsMatch: boolean;
  /** The same policy, given those facts, makes the same decision. */
  matches: boolean;
  /** The rule code, when the rules now refuse the sale from those streams. */
  refusal?: string;
}

export interface SaleTrace {
  saleId: string;
  sale: Omit<SubscriptionSold['data'], 'saleId'>;
  decision: Decision;
  command: {
    id: string;
    type: string;
    route: string;
    receivedAt: string;
    actor: { keyId: string; role: string; name?: string };
  };
  correlationId: string;
  causationId: string;
  inputs: { name: string; streamId: string; revision: number; facts: Record<string, unknown> }[];
  /** The events the sale's command recorded. */
  events: TracedEvent[];
  /** Events recorded on the sale since, by other commands (the payment). */
  later: TracedEvent[];
  rederived: Rederivation;
}

export interface TracedEvent {
  type: string;
  streamId: string;
  revision: number;
  position: string;
  eventId: string;
  recordedAt: string;
  hash: string;
}

const traced = (e: RecordedEvent): TracedEvent => ({
  type: e.type,
  streamId: e.streamId,
  revision: e.revision,
  position: e.position.toString(),
  eventId: e.metadata.eventId,
  recordedAt: e.metadata.recordedAt,
  hash: e.hash,
});

/** A stream read again up to the revision a decision saw. */
async function seenAt<S, E>(
  store: EventStore,
  source: Source<S, E>,
  revision: number,
): Promise<Seen<S>> {
  const events = (await store.readStream(source.streamId)).filter((e) => e.revision <= revision);
  const state = events.reduce((s, e) => source.evolve(s, e as unknown as E), source.initialState());
  return { streamId: source.streamId, revision, state };
}

/**
 * Everything an auditor needs about one discount decision: the command, its actor, the facts it
 * used with their stream revisions, the events it recorded, and the same decision computed again
 * from those streams by the policy version it names.
 */
export async function traceSale(store: EventStore, saleId: string): Promise<SaleTrace | undefined> {
  const events = await store.readStream(streams.sale(saleId));
  const sold = events.find((e) => e.type === 'SubscriptionSold');
  const applied = events.find((e) => e.type === 'DiscountApplied');
  if (!sold || !applied) return undefined;
  const { saleId: _id, ...sale } = sold.data as SubscriptionSold['data'];
  const data = applied.data as DiscountApplied['data'];
  const { metadata } = applied;
  const { rule, rate, retail, discount, net, policyVersion, inputs } = data;
  const { quantity: _q, soldOn: _s, ...named } = inputs;
  return {
    saleId,
    sale,
    decision: { rule, rate, retail, discount, net, policyVersion },
    command: {
      id: metadata.causationId,
      ...metadata.command,
      type: metadata.command.type,
      actor: metadata.actor,
    },
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    inputs: Object.entries(named).map(([name, { streamId, revision, ...facts }]) => ({
      name,
      streamId,
      revision,
      facts,
    })),
    events: events.filter((e) => e.metadata.causationId === metadata.causationId).map(traced),
    later: events.filter((e) => e.metadata.causationId !== metadata.causationId).map(traced),
    rederived: await rederive(store, sold.data as SubscriptionSold['data'], data),
  };
}

async function rederive(
  store: EventStore,
  sold: SubscriptionSold['data'],
  applied: DiscountApplied['data'],
): Promise<Rederivation> {
  const { inputs, policyVersion } = applied;
  const context: SaleContext = {
    partner: await seenAt(store, partnerSource(sold.partnerId), inputs.partner.revision),
    client: await seenAt(store, clientSource(sold.clientId), inputs.client.revision),
    priceList: await seenAt(store, priceListSource(), inputs.priceList.revision),
    experiments: inputs.experiment
      ? await seenAt(store, experimentsSource(), inputs.experiment.revision)
      : { streamId: streams.experiments, revision: -1, state: experimentsDecider.initialState() },
  };
  const { saleId, partnerId, clientId, positionCode, quantity, soldOn } = sold;
  try {
    const again = priceSale(
      { saleId, partnerId, clientId, positionCode, quantity, soldOn },
      context,
      policyVersion,
    );
    const inputsMatch = isDeepStrictEqual(again.inputs, inputs as DiscountInputs);
    const decision = { ...again.decision, policyVersion };
    const same = (['rule', 'rate', 'retail', 'discount', 'net'] as const).every(
      (k) => decision[k] === applied[k],
    );
    return { ...decision, inputsMatch, matches: inputsMatch && same };
  } catch (error) {
    // A sale recorded before the money bounds may not be decidable again: that is a mismatch to
    // report, not a failure of the trace.
    const refusal =
      error instanceof DomainError
        ? error.code
        : error instanceof InvalidCommandError || error instanceof RangeError
          ? 'VALIDATION_FAILED'
          : undefined;
    if (!refusal) throw error;
    return { policyVersion, inputsMatch: false, matches: false, refusal };
  }
}
