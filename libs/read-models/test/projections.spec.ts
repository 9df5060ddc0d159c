import { DomainEvent } from '@fresh/domain';
import { ALL_PROJECTIONS, generationChecksum, projectBatch } from '../src';
import { connected, discounted, givenEvents, paid, recorded, registered } from './given-events';

/** P1 with ten clients, each sold 1 000.00 on 10 Jan and paid on 1..10 Feb. */
const tenPayingClients = (): DomainEvent[] =>
  Array.from({ length: 10 }, (_, i) => {
    const c = `C${i + 1}`;
    return [
      connected(c, 'P1', '2014-12-10'),
      discounted(`S${i + 1}`, 'P1', c, '2015-01-10', 100_000),
      paid(`S${i + 1}`, 'P1', c, `2015-02-${String(i + 1).padStart(2, '0')}`),
    ];
  }).flat();

describe('partners read model: standing as of a date', () => {
  it('counts a client as paying from its payment date: on 10 Feb yes, on 9 Feb not yet', async () => {
    const { queries } = await givenEvents([registered('P1'), ...tenPayingClients()]);
    const [on10] = await queries.rankings({
      asOf: '2015-02-10',
      segment: 'all',
      publishedOnly: false,
    });
    expect(on10).toEqual({
      rank: 1,
      partnerId: 'P1',
      name: 'Партнёр P1',
      segment: 'non-csk',
      connectedClients: 10,
      payingClients: 10,
      itsProfConnections: 0,
      retail: 1_000_000n,
      discount: 200_000n,
      net: 800_000n,
      published: true,
    });
    const [on9] = await queries.rankings({
      asOf: '2015-02-09',
      segment: 'all',
      publishedOnly: false,
    });
    expect([on9.payingClients, on9.published]).toEqual([9, false]);
  });

  it('unpublishes from the day obligations are breached, and republishes when fulfilled again', async () => {
    const { queries } = await givenEvents([
      registered('P1'),
      ...tenPayingClients(),
      {
        type: 'PartnerObligationsChanged',
        data: { partnerId: 'P1', status: 'breached', since: '2015-03-15' },
      },
      {
        type: 'PartnerObligationsChanged',
        data: { partnerId: 'P1', status: 'fulfilled', since: '2015-04-01' },
      },
    ]);
    const published = async (asOf: string) =>
      (await queries.rankings({ asOf, segment: 'all', publishedOnly: true })).map(
        (r) => r.partnerId,
      );
    expect(await published('2015-03-14')).toEqual(['P1']);
    expect(await published('2015-03-15')).toEqual([]);
    expect(await published('2015-03-31')).toEqual([]);
    expect(await published('2015-04-01')).toEqual(['P1']);
  });

  it('pays from the earliest payment even when a later-recorded payment is dated earlier', async () => {
    const { queries } = await givenEvents([
      registered('P1'),
      connected('C1', 'P1', '2014-12-10'),
      discounted('S1', 'P1', 'C1', '2015-01-10', 50_000),
      discounted('S2', 'P1', 'C1', '2015-01-11', 50_000),
      paid('S2', 'P1', 'C1', '2015-03-01'),
      paid('S1', 'P1', 'C1', '2015-02-01'),
    ]);
    const [p] = await queries.rankings({
      asOf: '2015-02-01',
      segment: 'all',
      publishedOnly: false,
    });
    expect(p.payingClients).toBe(1);
    expect((await queries.client('C1', '2026-11-26'))?.payingSince).toBe('2015-02-01');
  });

  it('puts a partner in the CSK segment from its certification date, even if recorded later', async () => {
    const { queries } = await givenEvents([
      registered('P1'),
      registered('P2'),
      {
        type: 'PartnerCertificationRevoked',
        data: { partnerId: 'P1', revokedOn: '2015-04-01', reason: 'x' },
      },
      {
        type: 'PartnerCertified',
        data: {
          partnerId: 'P1',
          certifiedOn: '2015-02-01',
          certifiedSpecialists: 2,
          responsibleEmployee: 'И',
          supportCommitment: true,
        },
      },
    ]);
    const csk = async (asOf: string) =>
      (await queries.rankings({ asOf, segment: 'csk', publishedOnly: false })).map(
        (r) => r.partnerId,
      );
    expect(await csk('2015-01-31')).toEqual([]);
    expect(await csk('2015-02-01')).toEqual(['P1']);
    expect(await csk('2015-04-01')).toEqual([]);
    expect(
      (
        await queries.rankings({ asOf: '2015-03-01', segment: 'non-csk', publishedOnly: false })
      ).map((r) => r.partnerId),
    ).toEqual(['P2']);
  });

  it('ranks ties on paying clients by net, then by partner id', async () => {
    const { queries } = await givenEvents([
      registered('P3'),
      registered('P2'),
      registered('P1'),
      connected('C1', 'P1', '2014-12-10'),
      discounted('S1', 'P1', 'C1', '2015-01-10', 10_000),
      connected('C2', 'P2', '2014-12-10'),
      discounted('S2', 'P2', 'C2', '2015-01-10', 20_000),
    ]);
    const ranks = await queries.rankings({
      asOf: '2015-01-10',
      segment: 'all',
      publishedOnly: false,
    });
    expect(ranks.map((r) => [r.rank, r.partnerId, r.net])).toEqual([
      [1, 'P2', 16_000n],
      [2, 'P1', 8_000n],
      [3, 'P3', 0n],
    ]);
  });
});

describe('clients read model', () => {
  it('shows support, services, reporting, migrations and whether the client is in the service', async () => {
    const { queries } = await givenEvents([
      registered('P2'),
      connected('C1', 'P2', '2015-01-05', 'csk'),
      {
        type: 'ReportingConnected',
        data: { clientId: 'C1', partnerId: 'P2', connectedOn: '2015-01-06' },
      },
      {
        type: 'ServiceEnabled',
        data: { clientId: 'C1', partnerId: 'P2', service: 'exchange', enabledOn: '2015-01-07' },
      },
      {
        type: 'ClientMigrated',
        data: { clientId: 'C1', partnerId: 'P2', direction: 'to-local', migratedOn: '2015-03-01' },
      },
    ]);
    const view = await queries.client('C1', '2015-02-28');
    expect(view).toMatchObject({
      clientId: 'C1',
      partnerId: 'P2',
      support: 'P2',
      segment: 'csk',
      inService: true,
      reporting: [{ partnerId: 'P2', connectedOn: '2015-01-06' }],
      services: [{ service: 'exchange', partnerId: 'P2', enabledOn: '2015-01-07' }],
      migrations: [{ direction: 'to-local', partnerId: 'P2', migratedOn: '2015-03-01' }],
      sales: { count: 0, retail: 0n, discount: 0n, net: 0n },
      payingSince: null,
    });
    expect((await queries.client('C1', '2015-03-01'))?.inService).toBe(false);
  });
});

describe('experiment analytics', () => {
  it('buckets by ISO week (Monday to Sunday) within the window', async () => {
    const { queries } = await givenEvents([
      registered('P1'),
      {
        type: 'ExperimentStarted',
        data: {
          experimentId: 'E',
          startsOn: '2014-12-08',
          endsOn: '2015-01-04',
          discountRate: '0.20',
        },
      },
      connected('C1', 'P1', '2014-12-14'),
      connected('C2', 'P1', '2014-12-15'),
      discounted('S1', 'P1', 'C1', '2014-12-31', 10_000),
      discounted('S2', 'P1', 'C2', '2015-01-01', 10_005),
    ]);
    const a = (await queries.analytics('E', 'week'))!;
    expect(
      a.periods.map((p) => [
        p.period,
        p.from,
        p.to,
        p.segments['non-csk'].newClients.itsaas,
        p.segments['non-csk'].sales,
      ]),
    ).toEqual([
      ['2014-W50', '2014-12-08', '2014-12-14', 1, 0],
      ['2014-W51', '2014-12-15', '2014-12-21', 1, 0],
      ['2014-W52', '2014-12-22', '2014-12-28', 0, 0],
      ['2015-W01', '2014-12-29', '2015-01-04', 0, 2],
    ]);
    expect(a.periods[3].segments['non-csk']).toMatchObject({
      retail: 20_005n,
      discount: 4_001n,
      net: 16_004n,
      activePartners: 1,
    });
  });

  it('ends the window the day before a termination takes effect', async () => {
    const { queries } = await givenEvents([
      {
        type: 'ExperimentStarted',
        data: {
          experimentId: 'E',
          startsOn: '2014-12-08',
          endsOn: '2015-05-31',
          discountRate: '0.20',
        },
      },
      {
        type: 'ExperimentEnded',
        data: {
          experimentId: 'E',
          decision: 'extend',
          decidedOn: '2015-05-20',
          effectiveOn: '2015-05-20',
          newEndsOn: '2015-12-31',
        },
      },
      {
        type: 'ExperimentEnded',
        data: {
          experimentId: 'E',
          decision: 'terminate',
          decidedOn: '2015-09-01',
          effectiveOn: '2015-10-01',
        },
      },
    ]);
    const a = (await queries.analytics('E', 'month'))!;
    expect(a.window).toEqual({ from: '2014-12-08', to: '2015-09-30' });
    expect(a.totals.decisionPeriods.map((p) => [p.decision, p.from, p.to])).toEqual([
      ['start', '2014-12-08', '2015-05-19'],
      ['extend', '2015-05-20', '2015-09-30'],
    ]);
  });
});

describe('projections are idempotent', () => {
  it('leave the same documents when the whole log is applied twice', async () => {
    const events = [registered('P1'), ...tenPayingClients()];
    const { reads, log } = await givenEvents(events);
    const once = await generationChecksum(reads, 'g1');
    const { ops } = projectBatch(log, ALL_PROJECTIONS);
    await reads.commit('g1', ops, { name: 'projector', position: BigInt(log.length) });
    expect(await generationChecksum(reads, 'g1')).toEqual(once);
    expect(once.documents).toBe(11);
    expect(recorded(events)).toHaveLength(31);
  });
});
