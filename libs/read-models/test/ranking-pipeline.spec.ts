import { DomainEvent } from '@fresh/domain';
import type { Db } from 'mongodb';
import { aggregate } from 'mingo';
import {
  CLIENTS,
  ConsoleQueries,
  Doc,
  MongoReadStore,
  PartnerDoc,
  standingOn,
  PARTNERS,
  ReadModelQueries,
  RankingQuery,
  rankingItemsOf,
  rankingPipeline,
} from '../src';
import { connected, discounted, givenEvents, paid, registered } from './given-events';

/**
 * A world where the as-of ranking turns on every rule: CSK certified and revoked (two changes on
 * one day, the later record winning), obligations breached and fulfilled again, ties on paying
 * clients broken by net and then by id, late-recorded facts, ITS PROF connections, a partner
 * registered with nothing else. Seeded, so every run is the same.
 */
function world(): (DomainEvent & { on?: string })[] {
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 48271) % 2147483647) % n) + 0;
  const day = (n: number) =>
    new Date(Date.UTC(2014, 11, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const events: DomainEvent[] = [];
  for (let p = 1; p <= 24; p++) events.push(registered(`P${p}`));
  const certify = (partnerId: string, on: string): DomainEvent => ({
    type: 'PartnerCertified',
    data: {
      partnerId,
      certifiedOn: on,
      certifiedSpecialists: 2,
      responsibleEmployee: 'И',
      supportCommitment: true,
    },
  });
  const revoke = (partnerId: string, on: string): DomainEvent => ({
    type: 'PartnerCertificationRevoked',
    data: { partnerId, revokedOn: on, reason: 'x' },
  });
  const obligations = (
    partnerId: string,
    status: 'breached' | 'fulfilled',
    since: string,
  ): DomainEvent => ({
    type: 'PartnerObligationsChanged',
    data: { partnerId, status, since },
  });
  events.push(revoke('P2', '2015-04-01'), certify('P2', '2015-02-01')); // recorded out of order
  events.push(certify('P3', '2015-03-01'), revoke('P3', '2015-03-01')); // same day: revoked wins
  events.push(certify('P4', '2014-12-01'));
  events.push(
    obligations('P5', 'breached', '2015-03-15'),
    obligations('P5', 'fulfilled', '2015-05-01'),
  );
  events.push(obligations('P6', 'breached', '2015-02-01'));
  for (let c = 1; c <= 260; c++) {
    const partnerId = `P${1 + (c % 23 === 0 ? 0 : next(12))}`; // P13..P24 have nothing but P1 a share
    const clientId = `C${c}`;
    const on = next(200);
    const csk = ['P2', 'P4'].includes(partnerId);
    events.push(
      connected(
        clientId,
        partnerId,
        day(on),
        csk ? 'csk' : 'non-csk',
        c % 5 === 0 ? 'its-prof' : 'itsaas',
      ),
    );
    const retail = c % 7 === 0 ? 500_000 : 100_000 * (1 + next(5)); // ties on net are common
    events.push(
      discounted(`S${c}`, partnerId, clientId, day(on + next(30)), retail, csk ? '0.50' : '0.20'),
    );
    if (c % 8 !== 0) events.push(paid(`S${c}`, partnerId, clientId, day(on + 5 + next(60))));
    if (c % 11 === 0) events.push(paid(`S${c}`, partnerId, clientId, day(on + 1))); // earlier, later recorded
  }
  return events;
}

const DATES = [
  '2014-11-30',
  '2014-12-01',
  '2015-01-15',
  '2015-02-01',
  '2015-03-01',
  '2015-03-15',
  '2015-04-30',
  '2015-06-30',
  '2026-01-01',
];
const QUERIES: Omit<RankingQuery, 'asOf'>[] = [
  { segment: 'all', publishedOnly: false },
  { segment: 'csk', publishedOnly: false },
  { segment: 'non-csk', publishedOnly: false },
  { segment: 'all', publishedOnly: true },
];

describe('the ranking as an aggregation pipeline', () => {
  it('ranks exactly as the standing code does, on every date and filter (run by mingo, MongoDB’s language)', async () => {
    const { reads, queries } = await givenEvents(world());
    let published = 0;
    for (const asOf of DATES)
      for (const q of QUERIES) {
        const query = { asOf, ...q };
        const expected = await queries.rankings(query); // the embedded engine: standingOn in code
        const rows = await reads.aggregate('g1', PARTNERS, rankingPipeline(query));
        expect({ query, items: rankingItemsOf(rows) }).toEqual({ query, items: expected });
        for (const item of expected) {
          const doc = (await reads.findOne('g1', PARTNERS, item.partnerId)) as PartnerDoc;
          const { astralCertified, obligations, sales, ...standing } = standingOn(doc, asOf);
          void [astralCertified, obligations, sales];
          expect(item).toMatchObject(standing); // the row is the partner's standing on the date
        }
        if (q.publishedOnly) published += expected.length;
      }
    expect(published).toBeGreaterThan(0); // the world does reach the published list
  });

  it('answers a slice of the ranking and the count of the whole, ranked from the slice’s start', async () => {
    const { reads, queries } = await givenEvents(world());
    const query: RankingQuery = { asOf: '2015-06-30', segment: 'all', publishedOnly: false };
    const all = await queries.rankings(query);
    expect(all).toHaveLength(24);
    for (const slice of [
      { offset: 0, limit: 5 },
      { offset: 5, limit: 5 },
      { offset: 20, limit: 10 },
      { offset: 30, limit: 5 },
    ]) {
      const [answer] = (await reads.aggregate('g1', PARTNERS, rankingPipeline(query, slice))) as {
        total: { n: number }[];
        rows: Record<string, unknown>[];
      }[];
      expect(answer.total).toEqual([{ n: 24 }]);
      const expected = all.slice(slice.offset, slice.offset + slice.limit);
      expect(rankingItemsOf(answer.rows, slice.offset)).toEqual(expected);
      // The embedded engine's slice: only the slice's partners get their whole standing.
      expect(await queries.rankingSlice(query, slice)).toEqual({ items: expected, total: 24 });
    }
    for (const asOf of DATES)
      for (const q of QUERIES) {
        const query = { asOf, ...q };
        const all = await queries.rankings(query);
        expect(await queries.rankingSlice(query, { offset: 3, limit: 4 })).toEqual({
          items: all.slice(3, 7),
          total: all.length,
        });
      }
  });

  it('refuses a sum that is not an exact number of kopecks', () => {
    expect(() =>
      rankingItemsOf([{ _id: 'P1', name: 'x', retail: 0.5, discount: 0, net: 0 }]),
    ).toThrow('partner P1 as ranked: retail holds 0.5, not an exact number of kopecks');
  });
});

/**
 * A stand-in for the driver's Db that records what the MongoDB read store asks, and answers
 * `aggregate` and `find` over the documents given by running them with mingo.
 */
function recordingDb(documents: Record<string, unknown>[], others: Record<string, Doc[]> = {}) {
  const calls: { collection: string; method: string; args: unknown[] }[] = [];
  const db = {
    collection: (collection: string) => ({
      aggregate: (pipeline: Record<string, unknown>[]) => {
        calls.push({ collection, method: 'aggregate', args: [pipeline] });
        return { toArray: async () => aggregate(structuredClone(documents), pipeline) };
      },
      find: (filter: object) => {
        calls.push({ collection, method: 'find', args: [filter] });
        const held = others[collection] ?? documents;
        const match = [{ $match: filter as Record<string, unknown> }];
        return { toArray: async () => aggregate(structuredClone(held), match) };
      },
      findOneAndUpdate: async () => ({ _id: 'live', generation: 'g1' }),
    }),
  } as unknown as Db;
  return { db, calls };
}

describe('rankings on MongoDB: the database ranks, one page comes back', () => {
  it('asks the store for one page of the ranking — skip and limit in the pipeline — not for the partners', async () => {
    const { reads, queries } = await givenEvents(world());
    const partners = [];
    for await (const doc of reads.documents('g1', PARTNERS)) partners.push(doc);
    const { db, calls } = recordingDb(partners);
    const mongo = new ReadModelQueries(new MongoReadStore(db));
    const query: RankingQuery = { asOf: '2015-03-15', segment: 'non-csk', publishedOnly: false };

    const page = await mongo.rankingSlice(query, { offset: 10, limit: 5 });

    const all = await queries.rankings(query);
    expect(page).toEqual({ items: all.slice(10, 15), total: all.length });
    const asked = calls.filter((c) => c.collection === `g1.${PARTNERS}`);
    expect(asked.map((c) => c.method)).toEqual(['aggregate']);
    const pipeline = asked[0].args[0] as Record<string, unknown>[];
    expect(pipeline.at(-1)).toEqual({
      $facet: { total: [{ $count: 'n' }], rows: [{ $skip: 10 }, { $limit: 5 }] },
    });
    expect(pipeline).toContainEqual({ $match: { segment: 'non-csk' } });
    expect(pipeline).toContainEqual({ $sort: { payingClients: -1, net: -1, _id: 1 } });
  });

  it('ranks the whole list in the database too: rows come back, not partner documents', async () => {
    const { reads, queries } = await givenEvents(world());
    const partners = [];
    for await (const doc of reads.documents('g1', PARTNERS)) partners.push(doc);
    const { db, calls } = recordingDb(partners);
    const query: RankingQuery = { asOf: '2015-04-30', segment: 'all', publishedOnly: true };
    const ranked = await new ReadModelQueries(new MongoReadStore(db)).rankings(query);
    expect(ranked).toEqual(await queries.rankings(query));
    expect(calls.filter((c) => c.collection === `g1.${PARTNERS}`).map((c) => c.method)).toEqual([
      'aggregate',
    ]);
  });
});

describe('the console on MongoDB: the database works out standings and places', () => {
  const collect = async (
    reads: { documents(g: string, c: string): AsyncIterable<Doc> },
    c: string,
  ) => {
    const docs: Doc[] = [];
    for await (const doc of reads.documents('g1', c)) docs.push(doc);
    return docs;
  };

  it('answers a partner’s place among all and in its segment by counting in the database', async () => {
    const { reads } = await givenEvents(world());
    const partners = await collect(reads, PARTNERS);
    const { db, calls } = recordingDb(partners, {
      [`g1.${CLIENTS}`]: await collect(reads, CLIENTS),
    });
    const embedded = new ConsoleQueries(reads);
    const mongo = new ConsoleQueries(new MongoReadStore(db));
    for (const [partnerId, asOf] of [
      ['P1', '2015-06-30'],
      ['P2', '2015-03-01'],
      ['P4', '2015-01-15'],
      ['P20', '2015-04-30'],
    ])
      expect(await mongo.profile(partnerId, asOf)).toEqual(await embedded.profile(partnerId, asOf));
    expect(await mongo.profile('P99', '2015-06-30')).toBeUndefined();
    const onPartners = calls.filter((c) => c.collection === `g1.${PARTNERS}`);
    // The partner's own document by id, then a count of those ahead of it: never every partner.
    expect(onPartners.filter((c) => c.method === 'find')).toHaveLength(5);
    for (const call of onPartners.filter((c) => c.method === 'find'))
      expect(Object.keys(call.args[0] as object)).toEqual(['_id']);
    const counts = onPartners.filter((c) => c.method === 'aggregate');
    expect(counts).toHaveLength(4);
    for (const { args } of counts)
      expect((args[0] as Record<string, unknown>[]).at(-1)).toHaveProperty('$facet.all', [
        { $count: 'n' },
      ]);
  });

  it('lists partners with their standing today from rows the database works out', async () => {
    const { reads } = await givenEvents(world());
    const { db, calls } = recordingDb(await collect(reads, PARTNERS));
    const mongo = new ConsoleQueries(new MongoReadStore(db));
    const embedded = new ConsoleQueries(reads);
    for (const segment of ['all', 'csk', 'non-csk'] as const)
      expect(await mongo.partners({ segment }, '2015-03-15')).toEqual(
        await embedded.partners({ segment }, '2015-03-15'),
      );
    expect(calls.filter((c) => c.method === 'find')).toEqual([]);
  });
});
