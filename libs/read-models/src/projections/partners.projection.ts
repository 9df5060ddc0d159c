import { defineProjection, op } from './projection';

export const PARTNERS = 'partners';

/**
 * One document per partner: its registration, its status timelines (CSK, Astral, obligations) and
 * day-by-day facts (connections, sales, first payment per client), so that its standing can be
 * read for any business date without a replay.
 */
export const partnersProjection = defineProjection({
  name: 'partners',
  writes: {
    $set: ['name', 'country', 'franchisee', 'region', 'registeredOn'],
    $push: ['csk', 'astral', 'obligations'],
    $inc: [
      'connections.*.*.*',
      'sales.*.*.count',
      'sales.*.*.retail',
      'sales.*.*.discount',
      'sales.*.*.net',
      'paid.count',
      'paid.amount',
    ],
    $min: ['payers.*'],
  },
  on: {
    PartnerRegistered(event) {
      const { partnerId, name, country, franchisee, region } = event.data;
      const registration = {
        name,
        country,
        franchisee,
        region: region ?? null,
        registeredOn: event.metadata.businessDate,
      };
      return [op(PARTNERS, partnerId, { $set: registration }, event)];
    },
    PartnerCertified(event) {
      const entry = { on: event.data.certifiedOn, value: true };
      return [op(PARTNERS, event.data.partnerId, { $push: { csk: entry } }, event)];
    },
    PartnerCertificationRevoked(event) {
      const entry = { on: event.data.revokedOn, value: false };
      return [op(PARTNERS, event.data.partnerId, { $push: { csk: entry } }, event)];
    },
    AstralCertificationGranted(event) {
      const entry = { on: event.data.certifiedOn, value: true };
      return [op(PARTNERS, event.data.partnerId, { $push: { astral: entry } }, event)];
    },
    PartnerObligationsChanged(event) {
      const entry = { on: event.data.since, value: event.data.status };
      return [op(PARTNERS, event.data.partnerId, { $push: { obligations: entry } }, event)];
    },
    ClientConnected(event) {
      const { partnerId, connectedOn, segment, basis } = event.data;
      const update = { $inc: { [`connections.${connectedOn}.${segment}.${basis}`]: 1 } };
      return [op(PARTNERS, partnerId, update, event)];
    },
    DiscountApplied(event) {
      const { partnerId, rule, retail, discount, net, inputs } = event.data;
      const day = `sales.${inputs.soldOn}.${rule === 'csk' ? 'csk' : 'non-csk'}`;
      const update = {
        $inc: {
          [`${day}.count`]: 1,
          [`${day}.retail`]: retail,
          [`${day}.discount`]: discount,
          [`${day}.net`]: net,
        },
      };
      return [op(PARTNERS, partnerId, update, event)];
    },
    PaymentReceived(event) {
      const { partnerId, clientId, paidOn, amount } = event.data;
      // A client pays from its earliest payment; $min keeps that whatever order payments arrive in.
      const update = {
        $min: { [`payers.${clientId}`]: paidOn },
        $inc: { 'paid.count': 1, 'paid.amount': amount },
      };
      return [op(PARTNERS, partnerId, update, event)];
    },
  },
});
