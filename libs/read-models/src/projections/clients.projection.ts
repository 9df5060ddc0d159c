import { ERASED } from '@fresh/domain';
import { defineProjection, op } from './projection';

export const CLIENTS = 'clients';

/** One document per client: its connection, support, reporting, services, migrations and sales. */
export const clientsProjection = defineProjection({
  name: 'clients',
  writes: {
    $set: [
      'partnerId',
      'inn',
      'name',
      'application',
      'workplaces',
      'basis',
      'itsProfContract',
      'connectedOn',
      'segment',
      'supportedBy',
    ],
    $push: ['reporting', 'services', 'migrations'],
    $inc: [
      'sales.count',
      'sales.retail',
      'sales.discount',
      'sales.net',
      'paid.count',
      'paid.amount',
    ],
    $min: ['payingSince'],
  },
  on: {
    ClientConnected(event) {
      const { clientId, partnerId, inn, name, application, workplaces, basis } = event.data;
      const { itsProfContract, connectedOn, segment, supportedBy } = event.data;
      const connection = {
        partnerId,
        inn,
        name,
        application,
        workplaces,
        basis,
        itsProfContract: itsProfContract ?? null,
        connectedOn,
        segment,
        supportedBy,
      };
      return [op(CLIENTS, clientId, { $set: connection }, event)];
    },
    ReportingConnected(event) {
      const { clientId, partnerId, connectedOn } = event.data;
      return [op(CLIENTS, clientId, { $push: { reporting: { partnerId, connectedOn } } }, event)];
    },
    ServiceEnabled(event) {
      const { clientId, partnerId, service, enabledOn } = event.data;
      return [
        op(CLIENTS, clientId, { $push: { services: { service, partnerId, enabledOn } } }, event),
      ];
    },
    ClientMigrated(event) {
      const { clientId, partnerId, direction, migratedOn } = event.data;
      return [
        op(
          CLIENTS,
          clientId,
          { $push: { migrations: { direction, partnerId, migratedOn } } },
          event,
        ),
      ];
    },
    DiscountApplied(event) {
      const { clientId, retail, discount, net } = event.data;
      const update = {
        $inc: {
          'sales.count': 1,
          'sales.retail': retail,
          'sales.discount': discount,
          'sales.net': net,
        },
      };
      return [op(CLIENTS, clientId, update, event)];
    },
    PaymentReceived(event) {
      const { clientId, paidOn, amount } = event.data;
      const update = {
        $min: { payingSince: paidOn },
        $inc: { 'paid.count': 1, 'paid.amount': amount },
      };
      return [op(CLIENTS, clientId, update, event)];
    },
    /** A forgotten client's personal fields show as erased; nothing else changes. */
    PersonalDataErased(event) {
      const { subjectKind, subjectId, fields } = event.data;
      if (subjectKind !== 'client' || fields.length === 0) return [];
      const erased = Object.fromEntries(fields.map((field) => [field, ERASED]));
      return [op(CLIENTS, subjectId, { $set: erased }, event)];
    },
  },
});
