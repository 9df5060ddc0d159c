import { DomainEvent } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS, EmbeddedReadStore, projectBatch, ReadModelQueries } from '../src';

/** Domain events as the log would hold them: positions 1, 2, … and a business date each. */
export function recorded(events: (DomainEvent & { on?: string })[]): RecordedEvent[] {
  return events.map(({ on, ...event }, i) => ({
    ...event,
    streamId: 'any',
    revision: 0,
    position: BigInt(i + 1),
    schemaVersion: 1,
    hash: '',
    metadata: {
      eventId: `e${i + 1}`,
      correlationId: 'c',
      causationId: `cmd${i + 1}`,
      actor: { keyId: 'k', role: 'vendor' },
      businessDate: on ?? '2015-01-01',
      recordedAt: '2026-11-26T00:00:00.000Z',
      command: { type: 'T', route: 'R', receivedAt: '2026-11-26T00:00:00.000Z' },
    },
  }));
}

/** Projects the events into a fresh embedded store and answers queries from it. */
export async function givenEvents(events: (DomainEvent & { on?: string })[]) {
  const reads = new EmbeddedReadStore(
    join(mkdtempSync(join(tmpdir(), 'fresh-proj-')), 'read-models.db'),
  );
  const log = recorded(events);
  const { ops, failure } = projectBatch(log, ALL_PROJECTIONS);
  if (failure) throw new Error(failure.error);
  await reads.commit('g1', ops, { name: 'projector', position: BigInt(log.length) });
  return { reads, queries: new ReadModelQueries(reads), log };
}

export const registered = (partnerId: string): DomainEvent => ({
  type: 'PartnerRegistered',
  data: { partnerId, name: `Партнёр ${partnerId}`, country: 'RU', franchisee: true },
});
export const connected = (
  clientId: string,
  partnerId: string,
  connectedOn: string,
  segment: 'csk' | 'non-csk' = 'non-csk',
  basis: 'itsaas' | 'its-prof' = 'itsaas',
): DomainEvent => ({
  type: 'ClientConnected',
  data: {
    clientId,
    partnerId,
    inn: '7707083893',
    name: clientId,
    application: 'БП',
    workplaces: 1,
    basis,
    connectedOn,
    segment,
    supportedBy: segment === 'csk' ? partnerId : '1C',
  },
});
export const discounted = (
  saleId: string,
  partnerId: string,
  clientId: string,
  soldOn: string,
  retail: number,
  rate: '0.20' | '0.50' = '0.20',
): DomainEvent => {
  const discount = Math.floor((retail * (rate === '0.20' ? 2 : 5) + 5) / 10);
  return {
    type: 'DiscountApplied',
    data: {
      saleId,
      partnerId,
      clientId,
      rule: rate === '0.50' ? 'csk' : 'non-csk-experiment',
      rate,
      retail,
      discount,
      net: retail - discount,
      policyVersion: 'v1',
      inputs: {
        partner: {
          streamId: `partner-${partnerId}`,
          revision: 0,
          csk: rate === '0.50',
          franchisee: true,
          country: 'RU',
        },
        client: { streamId: `client-${clientId}`, revision: 0, connectedBy: partnerId },
        priceList: {
          streamId: 'price-list',
          revision: 0,
          effectiveFrom: '2014-12-01',
          positionCode: 'X',
          unitPrice: retail,
          cskDiscountRate: '0.50',
        },
        quantity: 1,
        soldOn,
      },
    },
  };
};
export const paid = (
  saleId: string,
  partnerId: string,
  clientId: string,
  paidOn: string,
  amount = 100,
): DomainEvent => ({
  type: 'PaymentReceived',
  data: { saleId, partnerId, clientId, paidOn, amount },
});
