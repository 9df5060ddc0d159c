import { DomainEvent } from '@fresh/domain';
import { SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceSale } from '../src';

const metadata = (n: number) => ({
  eventId: `e${n}`,
  correlationId: `c${n}`,
  causationId: `cmd${n}`,
  actor: { keyId: 'key_1', role: 'vendor' },
  businessDate: '2015-01-15',
  recordedAt: '2026-11-26T00:00:00.000Z',
  command: { type: 'T', route: 'R', receivedAt: '2026-11-26T00:00:00.000Z' },
});

async function record(store: SqliteEventStore, streamId: string, events: DomainEvent[]) {
  await store.append(
    streamId,
    events.map((e, i) => ({ ...e, schemaVersion: 1, metadata: metadata(i) })),
    'no_stream',
  );
}

describe('the trace of a sale recorded before the money bounds', () => {
  it('reports that it cannot be decided again, instead of failing', async () => {
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'fresh-audit-')), 'e.db'));
    // 9 999 999 999 999.99 ₽ × 100 000: accepted before the bounds, not an exact number of kopecks.
    const unitPrice = 999_999_999_999_999;
    const retail = unitPrice * 100_000;
    await record(store, 'partner-P1', [
      {
        type: 'PartnerRegistered',
        data: { partnerId: 'P1', name: 'П', country: 'RU', franchisee: true },
      },
    ]);
    await record(store, 'client-C1', [
      {
        type: 'ClientConnected',
        data: {
          clientId: 'C1',
          partnerId: 'P1',
          inn: '7707083893',
          name: 'ООО «Ромашка»',
          application: 'БП',
          workplaces: 1,
          basis: 'itsaas',
          connectedOn: '2014-12-10',
          segment: 'non-csk',
          supportedBy: '1C',
        },
      },
    ]);
    await record(store, 'experiments', [
      {
        type: 'ExperimentStarted',
        data: {
          experimentId: 'exp',
          startsOn: '2014-12-08',
          endsOn: '2015-05-31',
          discountRate: '0.20',
        },
      },
    ]);
    await record(store, 'price-list', [
      {
        type: 'PriceListPublished',
        data: {
          effectiveFrom: '2014-12-01',
          cskDiscountRate: '0.50',
          positions: [{ code: 'X', name: 'X', retailPrice: unitPrice }],
        },
      },
    ]);
    const inputs = {
      partner: { streamId: 'partner-P1', revision: 0, csk: false, franchisee: true, country: 'RU' },
      client: { streamId: 'client-C1', revision: 0, connectedBy: 'P1' },
      priceList: {
        streamId: 'price-list',
        revision: 0,
        effectiveFrom: '2014-12-01',
        positionCode: 'X',
        unitPrice,
        cskDiscountRate: '0.50',
      },
      experiment: {
        streamId: 'experiments',
        revision: 0,
        experimentId: 'exp',
        discountRate: '0.20',
      },
      quantity: 100_000,
      soldOn: '2015-01-15',
    };
    await record(store, 'sale-S1', [
      {
        type: 'SubscriptionSold',
        data: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          positionCode: 'X',
          positionName: 'X',
          quantity: 100_000,
          unitPrice,
          retail,
          soldOn: '2015-01-15',
        },
      },
      {
        type: 'DiscountApplied',
        data: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          rule: 'non-csk-experiment',
          rate: '0.20',
          retail,
          discount: retail / 5,
          net: retail - retail / 5,
          policyVersion: 'v1',
          inputs,
        },
      },
    ]);

    const trace = await traceSale(store, 'S1');

    expect(trace?.rederived).toEqual({
      policyVersion: 'v1',
      inputsMatch: false,
      matches: false,
      refusal: 'VALIDATION_FAILED',
    });
    await store.close();
  });
});
