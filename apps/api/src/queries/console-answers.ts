import { ANALYTICS_ANSWER, RANKINGS_ANSWER } from '../http/answer-schemas';

/** JSON schemas of the answers the console adds (see answer-schemas.ts for the others). */
const string = { type: 'string' };
const integer = { type: 'integer' };
const boolean = { type: 'boolean' };
const date = { type: 'string', format: 'date', example: '2015-01-15' };
const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', example: '12345.67' };
const segment = { type: 'string', enum: ['csk', 'non-csk'] };
const object = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const array = (items: object) => ({ type: 'array', items });
const page = {
  nextCursor: {
    type: 'string',
    nullable: true,
    description: 'Only with `limit`; null on the last page',
  },
  total: { ...integer, description: 'Only with `limit`: rows in the whole answer' },
};

export const RANKINGS_PAGE_ANSWER = {
  ...RANKINGS_ANSWER,
  properties: { ...RANKINGS_ANSWER.properties, ...page },
};

export { ANALYTICS_ANSWER };

export const PARTNER_LIST_ANSWER = object({
  items: array(
    object({
      partnerId: string,
      name: string,
      region: { ...string, nullable: true },
      registeredOn: date,
      segment,
      payingClients: integer,
      published: boolean,
    }),
  ),
  ...page,
});

export const PARTNER_PROFILE_ANSWER = object({
  partnerId: string,
  name: string,
  region: { ...string, nullable: true },
  registeredOn: date,
  asOf: date,
  standing: object({
    segment,
    astralCertified: boolean,
    obligations: { type: 'string', enum: ['fulfilled', 'breached'] },
    connectedClients: integer,
    payingClients: integer,
    itsProfConnections: integer,
    sales: integer,
    retail: money,
    discount: money,
    net: money,
    published: boolean,
  }),
  rank: object({ all: integer, segment: integer }),
  published: boolean,
  notPublishedBecause: array(
    object(
      {
        code: { type: 'string', enum: ['TOO_FEW_PAYING_CLIENTS', 'OBLIGATIONS_BREACHED'] },
        payingClients: integer,
        required: integer,
        since: date,
      },
      ['payingClients', 'required', 'since'],
    ),
  ),
  timeline: array(
    object({
      status: { type: 'string', enum: ['csk', 'astral', 'obligations'] },
      on: date,
      value: { oneOf: [boolean, string] },
    }),
  ),
  months: array(
    object({
      month: { ...string, example: '2015-01' },
      sales: integer,
      retail: money,
      discount: money,
      net: money,
      newClients: integer,
      newPayingClients: integer,
    }),
  ),
  clients: array(
    object({
      clientId: string,
      name: string,
      basis: string,
      connectedOn: date,
      payingSince: { ...date, nullable: true },
    }),
  ),
});

export const EXPERIMENTS_ANSWER = object({
  items: array(
    object({
      experimentId: string,
      startsOn: date,
      endsOn: date,
      discountRate: string,
      decisions: array(
        object(
          {
            decision: { type: 'string', enum: ['extend', 'change', 'terminate'] },
            decidedOn: date,
            effectiveOn: date,
            newEndsOn: date,
            newDiscountRate: string,
          },
          ['newEndsOn', 'newDiscountRate'],
        ),
      ),
    }),
  ),
});

export const GENERATIONS_ANSWER = object({
  live: string,
  asOf: array({ ...string, example: 'asof-2015-05-31' }),
});
