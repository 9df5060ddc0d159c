import { BusinessDate } from '@fresh/domain';
import { Pipeline } from '../read-store.port';
import { storedKopecks } from './kopecks';
import { RankingItem, RankingQuery } from './rankings';
import { PUBLISHED_MIN_PAYING_CLIENTS } from './standing';

/** A part of a ranking: `limit` rows from the `offset`-th on (0-based). */
export interface RankingSlice {
  offset: number;
  limit: number;
}

/** The days of a per-day map (`connections`, `sales`) on or before `asOf`, as {k, v} pairs. */
const daysUpTo = (field: string, asOf: BusinessDate) => ({
  $filter: {
    input: { $objectToArray: { $ifNull: [`$${field}`, {}] } },
    cond: { $lte: ['$$this.k', asOf] },
  },
});

/** The sum, over those days, of the numbers at `paths` in each day's value. */
const sumOver = (field: string, asOf: BusinessDate, paths: string[]) => ({
  $sum: {
    $map: {
      input: daysUpTo(field, asOf),
      in: { $add: paths.map((path) => ({ $ifNull: [`$$this.v.${path}`, 0] })) },
    },
  },
});

/**
 * A status timeline's value on `asOf` (what `valueOn(timelineOf(changes))` answers): the change
 * with the latest date on or before it, the later record among changes of one date.
 */
const valueOn = (field: string, asOf: BusinessDate, initial: unknown) => ({
  $getField: {
    field: 'value',
    input: {
      $reduce: {
        input: { $ifNull: [`$${field}`, []] },
        initialValue: { on: '', value: initial },
        in: {
          $cond: [
            { $and: [{ $lte: ['$$this.on', asOf] }, { $gte: ['$$this.on', '$$value.on'] }] },
            '$$this',
            '$$value',
          ],
        },
      },
    },
  },
});

/**
 * Each registered partner's standing on `asOf`, as `standingOn` computes it, in the database's own
 * terms: a row per partner with its id, name, region, registration date and the standing's
 * figures (money as sums of kopecks).
 */
export const standingPipeline = (asOf: BusinessDate): Pipeline => [
  { $match: { name: { $exists: true } } },
  {
    $project: {
      _id: 1,
      name: 1,
      region: 1,
      registeredOn: 1,
      segment: { $cond: [valueOn('csk', asOf, false), 'csk', 'non-csk'] },
      obligations: valueOn('obligations', asOf, 'fulfilled'),
      connectedClients: sumOver('connections', asOf, [
        'csk.itsaas',
        'csk.its-prof',
        'non-csk.itsaas',
        'non-csk.its-prof',
      ]),
      itsProfConnections: sumOver('connections', asOf, ['csk.its-prof', 'non-csk.its-prof']),
      payingClients: {
        $size: {
          $filter: {
            input: { $objectToArray: { $ifNull: ['$payers', {}] } },
            cond: { $lte: ['$$this.v', asOf] },
          },
        },
      },
      retail: sumOver('sales', asOf, ['csk.retail', 'non-csk.retail']),
      discount: sumOver('sales', asOf, ['csk.discount', 'non-csk.discount']),
      net: sumOver('sales', asOf, ['csk.net', 'non-csk.net']),
    },
  },
  {
    $addFields: {
      published: {
        $and: [
          { $gte: ['$payingClients', PUBLISHED_MIN_PAYING_CLIENTS] },
          { $eq: ['$obligations', 'fulfilled'] },
        ],
      },
    },
  },
];

/**
 * The ranking of `rankPartners` as an aggregation pipeline over the `partners` read model, for the
 * database to run: standings on the date, the segment and published filters, the order (paying
 * clients, then net, then id), and — given a slice — only that slice and the count of the whole,
 * as `[{ total: [{ n }], rows: [...] }]`. Without a slice: every row, in order.
 */
export function rankingPipeline(query: RankingQuery, slice?: RankingSlice): Pipeline {
  const filter: Record<string, unknown> = {};
  if (query.segment !== 'all') filter.segment = query.segment;
  if (query.publishedOnly) filter.published = true;
  const stages: Pipeline = [
    ...standingPipeline(query.asOf),
    ...(Object.keys(filter).length > 0 ? [{ $match: filter }] : []),
    { $sort: { payingClients: -1, net: -1, _id: 1 } },
  ];
  if (!slice) return stages;
  return [
    ...stages,
    {
      $facet: {
        total: [{ $count: 'n' }],
        rows: [{ $skip: slice.offset }, { $limit: slice.limit }],
      },
    },
  ];
}

/** Rows the pipeline answered as ranking items, ranked from `offset + 1`; money as exact BigInt. */
export function rankingItemsOf(rows: Record<string, unknown>[], offset = 0): RankingItem[] {
  return rows.map((row, i) => {
    const where = `partner ${String(row._id)} as ranked`;
    return {
      rank: offset + i + 1,
      partnerId: row._id as string,
      name: row.name as string,
      segment: row.segment as RankingItem['segment'],
      connectedClients: row.connectedClients as number,
      payingClients: row.payingClients as number,
      itsProfConnections: row.itsProfConnections as number,
      retail: storedKopecks(row.retail, `${where}: retail`),
      discount: storedKopecks(row.discount, `${where}: discount`),
      net: storedKopecks(row.net, `${where}: net`),
      published: row.published as boolean,
    };
  });
}

/**
 * Where a partner with this standing stands on `asOf`: how many partners rank before it, among
 * all and among those of its segment, as `[{ all: [{ n }], segment: [{ n }] }]`.
 */
export function placePipeline(
  asOf: BusinessDate,
  partner: { partnerId: string; segment: string; payingClients: number; net: bigint },
): Pipeline {
  const { partnerId, payingClients } = partner;
  const net = Number(partner.net);
  return [
    ...standingPipeline(asOf),
    {
      $match: {
        $or: [
          { payingClients: { $gt: payingClients } },
          { payingClients, net: { $gt: net } },
          { payingClients, net, _id: { $lt: partnerId } },
        ],
      },
    },
    {
      $facet: {
        all: [{ $count: 'n' }],
        segment: [{ $match: { segment: partner.segment } }, { $count: 'n' }],
      },
    },
  ];
}
