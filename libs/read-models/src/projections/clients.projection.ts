import { DomainEvent } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { op, Projection } from './projection';

export const CLIENTS = 'clients';

/** One document per client: its connection, support, reporting, services, migrations and sales. */
export const clientsProjection: Projection = {
  name: 'clients',
  project(recorded: RecordedEvent) {
    const event = recorded as unknown as DomainEvent & RecordedEvent;
    const on = (id: string, update: Record<string, unknown>) => [op(CLIENTS, id, update, recorded)];
    switch (event.type) {
      case 'ClientConnected': {
        const { clientId, ...connection } = event.data;
        return on(clientId, { $set: { itsProfContract: null, ...connection } });
      }
      case 'ReportingConnected': {
        const { clientId, partnerId, connectedOn } = event.data;
        return on(clientId, { $push: { reporting: { partnerId, connectedOn } } });
      }
      case 'ServiceEnabled': {
        const { clientId, partnerId, service, enabledOn } = event.data;
        return on(clientId, { $push: { services: { service, partnerId, enabledOn } } });
      }
      case 'ClientMigrated': {
        const { clientId, partnerId, direction, migratedOn } = event.data;
        return on(clientId, { $push: { migrations: { direction, partnerId, migratedOn } } });
      }
      case 'DiscountApplied': {
        const { clientId, retail, discount, net } = event.data;
        return on(clientId, {
          $inc: {
            'sales.count': 1,
            'sales.retail': retail,
            'sales.discount': discount,
            'sales.net': net,
          },
        });
      }
      case 'PaymentReceived': {
        const { clientId, paidOn, amount } = event.data;
        return on(clientId, {
          $min: { payingSince: paidOn },
          $inc: { 'paid.count': 1, 'paid.amount': amount },
        });
      }
      default:
        return [];
    }
  },
};
