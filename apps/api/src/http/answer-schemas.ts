/**
 * JSON schemas of the answers, for the OpenAPI document. The end-to-end tests check every answer
 * they receive against them, so they stay true.
 */
const string = { type: 'string' };
const integer = { type: 'integer' };
const boolean = { type: 'boolean' };
const date = { type: 'string', format: 'date', example: '2015-01-15' };
const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', example: '12345.67' };
const rate = { type: 'string', pattern: '^(0(\\.\\d{1,4})?|1(\\.0{1,4})?)$', example: '0.20' };
const nullable = (schema: object) => ({ ...schema, nullable: true });
const object = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const array = (items: object) => ({ type: 'array', items });
const segment = { type: 'string', enum: ['csk', 'non-csk'] };

export const EVENTS_ANSWER = object({
  events: array(
    object({
      type: { ...string, example: 'DiscountApplied' },
      streamId: { ...string, example: 'sale-S-001' },
      revision: integer,
      position: { type: 'string', pattern: '^\\d+$', example: '6' },
      data: { type: 'object', description: 'The event’s facts; money as decimal strings' },
    }),
  ),
});

const moneyCount = object({ count: integer, retail: money, discount: money, net: money });
const paid = object({ count: integer, amount: money });

export const PARTNER_ANSWER = object(
  {
    partnerId: string,
    name: string,
    country: string,
    franchisee: boolean,
    region: nullable(string),
    registeredOn: date,
    asOf: date,
    status: object({
      segment,
      csk: boolean,
      cskSince: nullable(date),
      astralCertified: boolean,
      obligations: { type: 'string', enum: ['fulfilled', 'breached'] },
      published: boolean,
    }),
    connectedClients: integer,
    payingClients: integer,
    itsProfConnections: integer,
    sales: integer,
    retail: money,
    discount: money,
    net: money,
    paid,
  },
  ['region'],
);

export const CLIENT_ANSWER = object(
  {
    clientId: string,
    partnerId: string,
    inn: string,
    name: string,
    application: string,
    workplaces: integer,
    basis: { type: 'string', enum: ['itsaas', 'its-prof'] },
    itsProfContract: nullable(object({ number: string, validUntil: date })),
    connectedOn: date,
    segment,
    support: string,
    inService: boolean,
    reporting: array(object({ partnerId: string, connectedOn: date })),
    services: array(object({ service: string, partnerId: string, enabledOn: date })),
    migrations: array(object({ direction: string, partnerId: string, migratedOn: date })),
    sales: moneyCount,
    paid,
    payingSince: nullable(date),
  },
  ['itsProfContract'],
);

export const RANKINGS_ANSWER = object({
  asOf: date,
  segment: { type: 'string', enum: ['all', 'csk', 'non-csk'] },
  publishedOnly: boolean,
  items: array(
    object({
      rank: integer,
      partnerId: string,
      name: string,
      segment,
      connectedClients: integer,
      payingClients: integer,
      itsProfConnections: integer,
      retail: money,
      discount: money,
      net: money,
      published: boolean,
    }),
  ),
});

const figures = object({
  sales: integer,
  retail: money,
  discount: money,
  net: money,
  newClients: object({ itsaas: integer, 'its-prof': integer }),
  activePartners: integer,
  partnersReachingTenPayingClients: integer,
});
const bySegment = object({ csk: figures, 'non-csk': figures });
const period = { period: string, from: date, to: date };

export const ANALYTICS_ANSWER = object({
  experimentId: string,
  granularity: { type: 'string', enum: ['day', 'week', 'month'] },
  window: object({ from: date, to: date }),
  periods: array(object({ ...period, segments: bySegment })),
  totals: object({
    window: bySegment,
    decisionPeriods: array(
      object({ ...period, decision: string, discountRate: rate, segments: bySegment }),
    ),
  }),
});

const decision = {
  rule: { type: 'string', enum: ['csk', 'non-csk-experiment'] },
  rate,
  retail: money,
  discount: money,
  net: money,
  policyVersion: string,
};
const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const auditPath = array(hex64);

const tracedEvent = object(
  {
    type: string,
    streamId: string,
    revision: integer,
    position: string,
    eventId: string,
    recordedAt: string,
    hash: string,
    leafIndex: nullable(integer),
    inclusion: object({ treeSize: integer, leafHash: hex64, auditPath }),
  },
  ['leafIndex', 'inclusion'],
);

export const SALE_TRACE_ANSWER = object(
  {
    saleId: string,
    sale: { type: 'object' },
    decision: object(decision),
    command: object({
      id: string,
      type: string,
      route: string,
      receivedAt: string,
      actor: {
        type: 'object',
        required: ['keyId', 'role'],
        description:
          'The key, its role, and its name when the command was sent (recorded since the audit work)',
      },
    }),
    correlationId: string,
    causationId: string,
    inputs: array(
      object({ name: string, streamId: string, revision: integer, facts: { type: 'object' } }),
    ),
    events: array(tracedEvent),
    later: array(tracedEvent),
    checkpoint: { type: 'object', description: 'The checkpoint the inclusion proofs lead to' },
    rederived: {
      type: 'object',
      required: ['policyVersion', 'inputsMatch', 'matches'],
      properties: { ...decision, inputsMatch: boolean, matches: boolean, refusal: string },
    },
  },
  ['checkpoint'],
);

export const VERIFY_ANSWER = object(
  {
    intact: boolean,
    checked: integer,
    firstBrokenAt: object({
      position: string,
      streamId: string,
      revision: integer,
      reason: string,
    }),
  },
  ['firstBrokenAt'],
);

export const HEALTH_ANSWER = object(
  {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    live: boolean,
    ready: boolean,
    stores: { type: 'object' },
    projector: { type: 'object', required: ['state'] },
    notary: {
      type: 'object',
      required: ['state', 'signed'],
      description: 'The notary: running here or off; whether its checkpoints are signed',
    },
    worker: {
      ...object({ id: integer, pid: integer }),
      description:
        'The process that answered: its cluster worker id (0 when FRESH_WORKERS=1) and its pid',
    },
  },
  ['notary'],
);

export const CHECKPOINT_ANSWER = object({
  treeSize: integer,
  rootHash: hex64,
  issuedAt: string,
  keyId: nullable({ type: 'string', pattern: '^[0-9a-f]{16}$' }),
  signature: nullable({ ...string, description: 'Ed25519, base64; null when unsigned' }),
  publicKey: nullable({ ...string, description: 'The notary public key, SPKI DER in base64' }),
});

export const CONSISTENCY_ANSWER = object({
  from: integer,
  to: integer,
  fromRoot: hex64,
  toRoot: hex64,
  proof: auditPath,
});

export const INCLUSION_ANSWER = object({
  leafIndex: integer,
  treeSize: integer,
  leafHash: hex64,
  auditPath,
  rootHash: hex64,
  event: object({
    streamId: string,
    revision: integer,
    type: string,
    schemaVersion: integer,
    data: { type: 'object' },
    metadata: { type: 'object' },
    hash: string,
    position: string,
  }),
});

export const CHECKPOINT_VERIFICATION_ANSWER = object(
  {
    extendsCheckpoint: boolean,
    signature: { type: 'string', enum: ['valid', 'invalid', 'unsigned'] },
    checkpoint: { type: 'object' },
    now: object({ treeSize: integer, rootHash: hex64, rootAtCheckpointSize: nullable(hex64) }),
    consistencyProof: auditPath,
    firstDifference: object(
      { leafIndex: integer, reason: string, position: string, streamId: string, revision: integer },
      ['leafIndex', 'position', 'streamId', 'revision'],
    ),
  },
  ['consistencyProof', 'firstDifference'],
);

const page = (item: object) =>
  object({
    items: array(item),
    nextCursor: nullable({
      ...string,
      description: 'Pass as cursor for the next page; null on the last',
    }),
  });
const actor = object({ keyId: string, role: string, name: string }, ['name']);

export const SALES_FOUND_ANSWER = page(
  object({
    saleId: string,
    partnerId: string,
    clientId: string,
    soldOn: date,
    decision: object({
      rule: string,
      rate,
      retail: money,
      discount: money,
      net: money,
      policyVersion: string,
    }),
    keyId: nullable(string),
    position: string,
  }),
);

export const REFUSALS_FOUND_ANSWER = page(
  object({
    code: { ...string, example: 'EXPERIMENT_NOT_ACTIVE' },
    detail: string,
    commandType: { ...string, example: 'SellSubscription' },
    route: { ...string, example: 'POST /api/v1/sales' },
    partnerId: nullable(string),
    businessDate: date,
    bodySha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    correlationId: string,
    actor,
    recordedAt: string,
    streamId: { ...string, example: 'refusals-P-001' },
    revision: integer,
    position: string,
  }),
);

export const EVENTS_FOUND_ANSWER = page(
  object({
    streamId: string,
    revision: integer,
    type: string,
    correlationId: nullable(string),
    keyId: nullable(string),
    recordedAt: nullable(string),
    position: string,
  }),
);

const heldField = object({
  field: { ...string, example: 'name' },
  value: { description: 'The value, decrypted; "erased" once the subject was forgotten' },
  event: object({
    type: { ...string, example: 'ClientConnected' },
    streamId: { ...string, example: 'client-C-001' },
    revision: integer,
    position: { type: 'string', pattern: '^\\d+$' },
    recordedAt: string,
  }),
});
export const SUBJECT_ANSWER = object({
  subjectId: { ...string, example: 'C-001' },
  subjects: array(
    object({
      kind: { type: 'string', enum: ['client', 'partner'] },
      subjectId: string,
      erased: boolean,
      fields: array(heldField),
    }),
  ),
});

const whatIfMoney = { sales: integer, retail: money, discount: money, net: money };
const bySegmentOf = (figures: object) => object({ csk: figures, 'non-csk': figures, all: figures });
const compared = (figures: object) => {
  const bySide = bySegmentOf(figures);
  return { actual: bySide, scenario: bySide, difference: bySide };
};
const whatIfSide = object({
  window: object({ from: date, to: date }),
  terms: object({
    startsOn: date,
    endsOn: date,
    discountRate: rate,
    decisions: array(
      object(
        {
          decision: { type: 'string', enum: ['extend', 'change', 'terminate'] },
          decidedOn: date,
          effectiveOn: date,
          newEndsOn: date,
          newDiscountRate: rate,
        },
        ['newEndsOn', 'newDiscountRate'],
      ),
    ),
  }),
});

export const WHAT_IF_ANSWER = object(
  {
    experimentId: string,
    granularity: { type: 'string', enum: ['week', 'month'] },
    span: object({ from: date, to: date }),
    actual: whatIfSide,
    scenario: whatIfSide,
    refusalsOnRecord: boolean,
    refusalsNote: string,
    totals: object({
      asOf: date,
      ...compared(object({ ...whatIfMoney, payingClients: integer, publishedPartners: integer })),
      wouldBeAccepted: bySegmentOf(object(whatIfMoney)),
    }),
    periods: array(
      object({
        ...period,
        ...compared(object({ ...whatIfMoney, newPayingClients: integer })),
        wouldBeAccepted: bySegmentOf(object(whatIfMoney)),
      }),
    ),
    partners: array(
      object({
        partnerId: string,
        name: nullable(string),
        actual: object(whatIfMoney),
        scenario: object(whatIfMoney),
        difference: object(whatIfMoney),
        refused: integer,
      }),
    ),
    changes: object({
      sales: integer,
      unchanged: integer,
      changedRule: integer,
      changedAmount: integer,
      refused: integer,
      refusedByCode: { type: 'object', additionalProperties: integer },
      acceptedThoughRefused: nullable(integer),
      refusalsWithoutFacts: integer,
    }),
    identityCheck: boolean,
  },
  ['identityCheck'],
);
