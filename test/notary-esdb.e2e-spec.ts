import { leafHash, leafInput, verifyInclusion } from '@fresh/notary';
import { EsdbStandIn } from './esdb-stand-in/esdb-stand-in';
import { Harness, tempDataDir } from './support/harness';
import { seedProgramme } from './support/programme';

/**
 * On EventStoreDB (the gRPC stand-in, whose log positions are beyond 2^64) the notary and the
 * audit index follow $all as on SQLite: notary.db and audit-index.db stay in the data dir.
 */
describe('the notary and the audit index on EventStoreDB (the stand-in)', () => {
  let standIn: EsdbStandIn;
  let api: Harness;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    const connectionString = await standIn.start();
    api = await Harness.start(tempDataDir(), 64 * 1024, { kind: 'esdb', connectionString });
  });
  afterAll(async () => {
    await api.close();
    await standIn.stop();
  });

  it('proves a sale’s discount in a checkpoint, and finds the sale and a refusal', async () => {
    const world = await seedProgramme(api);
    const auditor = api.key('auditor');
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
    const body = {
      saleId: 'S1',
      partnerId: 'P1',
      clientId: 'C1',
      positionCode: 'BP-5-12',
      quantity: 1,
      soldOn: '2015-01-15',
    };
    const sold = await world.ok('POST', '/api/v1/sales', body, world.p1);
    expect(BigInt(sold.body.events[1].position)).toBeGreaterThan(2n ** 64n);
    const refused = await api.call('POST', '/api/v1/sales', {
      key: world.p1,
      body: { ...body, saleId: 'S2', soldOn: '2015-06-01' },
    });
    expect(refused.status).toBe(422);

    const checkpoint = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor }))
      .body;
    expect(checkpoint.treeSize).toBe(9); // 8 decisions and the refusal
    const trace = (await api.call('GET', '/api/v1/audit/sales/S1', { key: auditor })).body;
    const applied = trace.events[1];
    expect(applied).toMatchObject({ type: 'DiscountApplied', leafIndex: 7 });
    const proof = (
      await api.call(
        'GET',
        `/api/v1/audit/proofs/inclusion?leafIndex=7&treeSize=${checkpoint.treeSize}`,
        {
          key: auditor,
        },
      )
    ).body;
    expect(proof.event.position).toBe(sold.body.events[1].position);
    const leaf = leafHash(leafInput(proof.event));
    const path = proof.auditPath.map((h: string) => Buffer.from(h, 'hex'));
    expect(
      verifyInclusion(7, checkpoint.treeSize, leaf, path, Buffer.from(checkpoint.rootHash, 'hex')),
    ).toBe(true);

    const sales = (await api.call('GET', '/api/v1/audit/sales?partnerId=P1', { key: auditor }))
      .body;
    expect(sales.items.map((s: { saleId: string }) => s.saleId)).toEqual(['S1']);
    const refusals = (
      await api.call('GET', '/api/v1/audit/refusals?partnerId=P1', { key: auditor })
    ).body;
    expect(refusals.items).toEqual([
      expect.objectContaining({
        code: 'EXPERIMENT_NOT_ACTIVE',
        streamId: 'refusals-P1',
        businessDate: '2015-06-01',
      }),
    ]);
    const verified = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: checkpoint,
    });
    expect(verified.body).toMatchObject({ extendsCheckpoint: true, signature: 'unsigned' });
  });
});
