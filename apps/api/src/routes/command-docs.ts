import { COMMAND_ERRORS, OperationDoc, recorded } from '../http/openapi';

/** What the OpenAPI document says of each command: its roles, its example answer, its errors. */
const command = (doc: OperationDoc): OperationDoc => ({
  ...doc,
  errors: {
    ...COMMAND_ERRORS,
    ...doc.errors,
    409: [...COMMAND_ERRORS[409]!, ...(doc.errors?.[409] ?? [])],
  },
});

const partner = { streamId: 'partner-P-001' };
const client = { streamId: 'client-C-001' };

export const REGISTER_PARTNER = command({
  summary: 'Register a partner (a 1C franchisee)',
  roles: ['vendor'],
  description: 'Registration has no business date: its event carries the day it was received.',
  ok: recorded('PartnerRegistered', {
    type: 'PartnerRegistered',
    ...partner,
    data: {
      partnerId: 'P-001',
      name: 'ООО «Альфа»',
      country: 'RU',
      franchisee: true,
      region: 'Москва',
    },
  }),
});

export const CERTIFY_PARTNER = command({
  summary: 'Grant the 1С:ЦСК status from a date',
  roles: ['vendor'],
  errors: { 404: ['PARTNER_NOT_FOUND'], 422: ['FUTURE_DATE'] },
  ok: recorded('PartnerCertified', {
    type: 'PartnerCertified',
    ...partner,
    revision: 1,
    data: {
      partnerId: 'P-001',
      certifiedOn: '2015-02-01',
      certifiedSpecialists: 3,
      responsibleEmployee: 'Иванов И. И.',
      supportCommitment: true,
    },
  }),
});

export const REVOKE_CERTIFICATION = command({
  summary: 'Revoke the 1С:ЦСК status from a date',
  roles: ['vendor'],
  errors: { 404: ['PARTNER_NOT_FOUND'], 422: ['NOT_CERTIFIED', 'FUTURE_DATE'] },
  ok: recorded('PartnerCertificationRevoked', {
    type: 'PartnerCertificationRevoked',
    ...partner,
    revision: 2,
    data: { partnerId: 'P-001', revokedOn: '2015-04-01', reason: 'Нет аттестованных специалистов' },
  }),
});

export const CERTIFY_ASTRAL = command({
  summary: 'Record the partner’s certification by Калуга Астрал (1С-Отчетность)',
  roles: ['vendor'],
  errors: { 404: ['PARTNER_NOT_FOUND'], 422: ['FUTURE_DATE'] },
  ok: recorded('AstralCertificationGranted', {
    type: 'AstralCertificationGranted',
    ...partner,
    revision: 1,
    data: { partnerId: 'P-001', certifiedOn: '2015-01-10' },
  }),
});

export const CHANGE_OBLIGATIONS = command({
  summary: 'Record whether the partner fulfils its obligations to 1C, from a date',
  roles: ['vendor'],
  errors: { 404: ['PARTNER_NOT_FOUND'], 422: ['FUTURE_DATE'] },
  ok: recorded('PartnerObligationsChanged', {
    type: 'PartnerObligationsChanged',
    ...partner,
    revision: 1,
    data: { partnerId: 'P-001', status: 'breached', since: '2015-03-01', note: 'Долг по оплате' },
  }),
});

export const PUBLISH_PRICE_LIST = command({
  summary: 'Publish the ITSaaS price list in force from a date',
  roles: ['vendor'],
  description:
    'A price list may be published ahead of its date. Unit prices are at most 9999999.99.',
  ok: recorded('PriceListPublished', {
    type: 'PriceListPublished',
    streamId: 'price-list',
    data: {
      effectiveFrom: '2014-12-01',
      cskDiscountRate: '0.50',
      positions: [
        {
          code: 'BP-5-12',
          name: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
          retailPrice: '12345.67',
        },
      ],
    },
  }),
});

export const START_EXPERIMENT = command({
  summary: 'Start an experiment window with its non-CSK discount rate',
  roles: ['vendor'],
  ok: recorded('ExperimentStarted', {
    type: 'ExperimentStarted',
    streamId: 'experiments',
    data: {
      experimentId: 'exp-2014',
      startsOn: '2014-12-08',
      endsOn: '2015-05-31',
      discountRate: '0.20',
    },
  }),
});

export const DECIDE_EXPERIMENT = command({
  summary: 'Decide the experiment’s outcome: extend, change its rate, or terminate',
  roles: ['vendor'],
  description:
    '`extend` needs `newEndsOn`; `change` needs `newDiscountRate`; `change` and `terminate` take ' +
    'effect on `effectiveOn` (default `decidedOn`), never before `decidedOn`.',
  errors: {
    404: ['EXPERIMENT_NOT_FOUND'],
    422: ['EXPERIMENT_NOT_ACTIVE', 'RETROACTIVE_DECISION', 'FUTURE_DATE'],
  },
  ok: recorded('ExperimentEnded', {
    type: 'ExperimentEnded',
    streamId: 'experiments',
    revision: 1,
    data: {
      experimentId: 'exp-2014',
      decision: 'extend',
      decidedOn: '2015-05-25',
      effectiveOn: '2015-05-25',
      newEndsOn: '2015-12-31',
    },
  }),
});

export const CONNECT_CLIENT = command({
  summary: 'Connect a client to the service',
  roles: ['partner'],
  description:
    'A partner key may only name its own partnerId. `its-prof` connections need a valid ' +
    '`itsProfContract` and record no sale.',
  errors: {
    403: ['FORBIDDEN_PARTNER'],
    404: ['PARTNER_NOT_FOUND'],
    422: [
      'EXPERIMENT_NOT_ACTIVE',
      'NOT_RUSSIAN_FRANCHISEE',
      'ITS_PROF_CONTRACT_REQUIRED',
      'INVALID_INN',
      'FUTURE_DATE',
    ],
  },
  ok: recorded('ClientConnected', {
    type: 'ClientConnected',
    ...client,
    data: {
      clientId: 'C-001',
      partnerId: 'P-001',
      inn: '7707083893',
      name: 'ООО «Ромашка»',
      application: 'Бухгалтерия предприятия',
      workplaces: 3,
      basis: 'itsaas',
      connectedOn: '2014-12-10',
      segment: 'non-csk',
      supportedBy: '1C',
    },
  }),
});

export const SELL_SUBSCRIPTION = command({
  summary: 'Sell a subscription: the discount is decided and recorded with the facts it used',
  roles: ['partner'],
  description: 'A partner key may only name its own partnerId. Quantity is 1 to 1000.',
  errors: {
    403: ['FORBIDDEN_PARTNER'],
    404: ['PARTNER_NOT_FOUND'],
    422: [
      'CLIENT_NOT_CONNECTED',
      'SELLER_MUST_CONNECT_CLIENT',
      'EXPERIMENT_NOT_ACTIVE',
      'NOT_RUSSIAN_FRANCHISEE',
      'UNKNOWN_POSITION',
      'NO_PRICE_LIST',
      'FUTURE_DATE',
    ],
  },
  ok: recorded(
    'SubscriptionSold and DiscountApplied',
    {
      type: 'SubscriptionSold',
      streamId: 'sale-S-001',
      data: {
        saleId: 'S-001',
        partnerId: 'P-001',
        clientId: 'C-001',
        positionCode: 'BP-5-12',
        positionName: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
        quantity: 1,
        soldOn: '2015-01-15',
        unitPrice: '12345.67',
        retail: '12345.67',
      },
    },
    {
      type: 'DiscountApplied',
      streamId: 'sale-S-001',
      data: {
        saleId: 'S-001',
        partnerId: 'P-001',
        clientId: 'C-001',
        rule: 'non-csk-experiment',
        rate: '0.20',
        retail: '12345.67',
        discount: '2469.13',
        net: '9876.54',
        policyVersion: 'v1',
        inputs: {
          soldOn: '2015-01-15',
          quantity: 1,
          partner: {
            streamId: 'partner-P-001',
            revision: 0,
            csk: false,
            franchisee: true,
            country: 'RU',
          },
          client: { streamId: 'client-C-001', revision: 0, connectedBy: 'P-001' },
          experiment: {
            streamId: 'experiments',
            revision: 0,
            experimentId: 'exp-2014',
            discountRate: '0.20',
          },
          priceList: {
            streamId: 'price-list',
            revision: 0,
            effectiveFrom: '2014-12-01',
            positionCode: 'BP-5-12',
            unitPrice: '12345.67',
            cskDiscountRate: '0.50',
          },
        },
      },
    },
  ),
});

export const RECORD_PAYMENT = command({
  summary: 'Record a payment 1C received for a sale',
  roles: ['vendor'],
  description: 'A sale is paid once; a payment dated before the sale is invalid input.',
  errors: { 404: ['SALE_NOT_FOUND'], 422: ['FUTURE_DATE'] },
  ok: recorded('PaymentReceived', {
    type: 'PaymentReceived',
    streamId: 'sale-S-001',
    revision: 2,
    data: {
      saleId: 'S-001',
      partnerId: 'P-001',
      clientId: 'C-001',
      paidOn: '2015-01-20',
      amount: '9876.54',
    },
  }),
});

const clientCommandErrors = (...rules: string[]) => ({
  403: ['FORBIDDEN_PARTNER'],
  404: ['CLIENT_NOT_FOUND', 'PARTNER_NOT_FOUND'],
  422: ['CLIENT_NOT_CONNECTED', ...rules, 'FUTURE_DATE'],
});

export const CONNECT_REPORTING = command({
  summary: 'Connect 1С-Отчетность for a client',
  roles: ['partner'],
  description:
    'Needs the Калуга Астрал certification on the date; a non-CSK partner only for its own clients.',
  errors: clientCommandErrors('NOT_ASTRAL_CERTIFIED', 'NOT_OWN_CLIENT'),
  ok: recorded('ReportingConnected', {
    type: 'ReportingConnected',
    ...client,
    revision: 1,
    data: { clientId: 'C-001', partnerId: 'P-001', connectedOn: '2015-02-01' },
  }),
});

export const ENABLE_SERVICE = command({
  summary: 'Enable an exchange, the autonomous workstation or a customisation (CSK partners only)',
  roles: ['partner'],
  errors: clientCommandErrors('NOT_CSK'),
  ok: recorded('ServiceEnabled', {
    type: 'ServiceEnabled',
    ...client,
    revision: 1,
    data: { clientId: 'C-001', partnerId: 'P-002', service: 'exchange', enabledOn: '2015-03-01' },
  }),
});

export const MIGRATE_CLIENT = command({
  summary: 'Migrate a client between the service and a local installation',
  roles: ['partner'],
  description: 'Only the partner that connected the client may migrate it.',
  errors: clientCommandErrors('NOT_OWN_CLIENT'),
  ok: recorded('ClientMigrated', {
    type: 'ClientMigrated',
    ...client,
    revision: 1,
    data: {
      clientId: 'C-001',
      partnerId: 'P-001',
      direction: 'to-local',
      migratedOn: '2015-04-01',
    },
  }),
});
