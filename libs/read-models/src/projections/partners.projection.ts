import { DomainEvent } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { op, Projection } from './projection';

export const PARTNERS = 'partners';

/**
 * One document per partner: its registration, its status timelines (CSK, Astral, obligations) and
 * day-by-day facts (connections, sales, first payment per client), so that its standing can be
 * read for any business date without a replay.
 */
export const partnersProjection: Projection = {
  name: 'partners',
  project(recorded: RecordedEvent) {
    const event = recorded as unknown as DomainEvent & RecordedEvent;
    const on = (id: string, update: Record<string, unknown>) => [
      op(PARTNERS, id, update, recorded),
    ];
    switch (event.type) {
      case 'PartnerRegistered': {
        const { partnerId, name, country, franchisee, region } = event.data;
        return on(partnerId, {
          $set: {
            name,
            country,
            franchisee,
            region: region ?? null,
            registeredOn: recorded.metadata.businessDate,
          },
        });
      }
      case 'PartnerCertified':
        return on(event.data.partnerId, {
          $push: { csk: { on: event.data.certifiedOn, value: true } },
        });
      case 'PartnerCertificationRevoked':
        return on(event.data.partnerId, {
          $push: { csk: { on: event.data.revokedOn, value: false } },
        });
      case 'AstralCertificationGranted':
        return on(event.data.partnerId, {
          $push: { astral: { on: event.data.certifiedOn, value: true } },
        });
      case 'PartnerObligationsChanged':
        return on(event.data.partnerId, {
          $push: { obligations: { on: event.data.since, value: event.data.status } },
        });
      case 'ClientConnected': {
        const { partnerId, connectedOn, segment, basis } = event.data;
        return on(partnerId, { $inc: { [`connections.${connectedOn}.${segment}.${basis}`]: 1 } });
      }
      case 'DiscountApplied': {
        const { partnerId, rule, retail, discount, net, inputs } = event.data;
        const day = `sales.${inputs.soldOn}.${rule === 'csk' ? 'csk' : 'non-csk'}`;
        return on(partnerId, {
          $inc: {
            [`${day}.count`]: 1,
            [`${day}.retail`]: retail,
            [`${day}.discount`]: discount,
            [`${day}.net`]: net,
          },
        });
      }
      case 'PaymentReceived': {
        const { partnerId, clientId, paidOn, amount } = event.data;
        // A client pays from its earliest payment; $min keeps that whatever order payments arrive in.
        return on(partnerId, {
          $min: { [`payers.${clientId}`]: paidOn },
          $inc: { 'paid.count': 1, 'paid.amount': amount },
        });
      }
      default:
        return [];
    }
  },
};
