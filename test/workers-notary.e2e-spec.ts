import { verifyConsistency, verifyInclusion } from '@fresh/notary';
import { tempDataDir } from './support/harness';
import { seedOnePartner } from './support/one-partner';
import { PinnedConnection } from './support/pinned-connection';
import { fresh, ServerProcess } from './support/server-process';

const keyOf = (dataDir: string, ...args: string[]) =>
  fresh(['keys', 'create', ...args], dataDir)
    .trim()
    .split('\n')
    .at(-1)!;

async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const hex = (text: string) => Buffer.from(text, 'hex');

/**
 * FRESH_WORKERS=2: one worker keeps the notary, the other reads its notary.db. An auditor gets
 * the same checkpoint, the same proofs and the same trace whichever worker the connection lands on.
 */
describe('FRESH_WORKERS=2: the notary answers on both workers', () => {
  const dataDir = tempDataDir();
  const vendor = keyOf(dataDir, '--role', 'vendor');
  const partner = keyOf(dataDir, '--role', 'partner', '--partner', 'P1');
  const auditor = keyOf(dataDir, '--role', 'auditor');
  let server: ServerProcess;
  let keeper: PinnedConnection;
  let standby: PinnedConnection;

  const ok = async (method: string, path: string, body: unknown, key = vendor) => {
    const answer = await keeper.call(method, path, { key, body });
    if (answer.status !== 201)
      throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const sale = (saleId: string) =>
    ok(
      'POST',
      '/api/v1/sales',
      {
        saleId,
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      },
      partner,
    );
  /** The same GET on both workers: both answers. */
  const onBoth = (path: string) =>
    Promise.all([keeper, standby].map((w) => w.call('GET', path, { key: auditor })));
  /** The keeper issues a checkpoint of every event recorded (on demand). */
  const issue = async () => {
    const answer = await keeper.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor });
    expect(answer.status).toBe(200);
    return answer.body as { treeSize: number; rootHash: string; issuedAt: string };
  };

  beforeAll(async () => {
    server = await ServerProcess.start(dataDir, { FRESH_WORKERS: '2', FRESH_LOG_LEVEL: 'info' });
    await until(async () => server.output.includes('with 2 workers'), 30_000, 'the start-up line');
    const workers = await PinnedConnection.toWorkers(server.url, 2);
    const states = await Promise.all(
      workers.map(async (w) => (await w.call('GET', '/health')).body.notary.state as string),
    );
    expect([...states].sort()).toEqual(['running', 'standby']);
    keeper = workers.find((_, i) => states[i] === 'running')!;
    standby = workers.find((_, i) => states[i] === 'standby')!;
    await seedOnePartner(ok, partner);
    for (const id of ['S1', 'S2']) await sale(id);
  }, 90_000);

  afterAll(async () => {
    keeper?.close();
    standby?.close();
    await server?.killHard();
  });

  it('says once, not once per worker, that checkpoints are unsigned', () => {
    const said = server.output.split('\n').filter((l) => l.includes('checkpoints are unsigned'));
    expect(said).toHaveLength(1);
  });

  it('answers the standby’s request before the keeper’s first checkpoint with one covering every event so far, stored nowhere', async () => {
    const answer = await standby.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor });
    expect(answer.status).toBe(200);
    // The partner, the price list, the experiment, the client, two sales of two events each.
    expect(answer.body.treeSize).toBe(8);
    // Kept nowhere: the keeper has still issued none, so its first is issued now, with the same
    // root (a checkpoint is the tree's root at a size, whoever signs it).
    const first = await issue();
    expect(first.treeSize).toBe(8);
    expect(first.rootHash).toBe(answer.body.rootHash);
    expect(first.issuedAt).not.toBe(answer.body.issuedAt);
  });

  it('gives the same latest checkpoint, inclusion proof and consistency proof from both workers', async () => {
    const first = await issue();
    // The partner, the price list, the experiment, the client, two sales of two events each.
    expect(first.treeSize).toBe(8);
    const latest = await onBoth('/api/v1/audit/checkpoints/latest');
    expect(latest.map((a) => a.status)).toEqual([200, 200]);
    expect(latest[1].body).toEqual(latest[0].body);
    expect(latest[0].body).toEqual(first);

    const inclusion = await onBoth('/api/v1/audit/proofs/inclusion?leafIndex=5');
    expect(inclusion.map((a) => a.status)).toEqual([200, 200]);
    expect(inclusion[1].body).toEqual(inclusion[0].body);
    const proof = inclusion[1].body;
    expect(proof).toMatchObject({ leafIndex: 5, treeSize: 8, rootHash: first.rootHash });
    expect(
      verifyInclusion(5, 8, hex(proof.leafHash), proof.auditPath.map(hex), hex(first.rootHash)),
    ).toBe(true);

    // More sales, then a new checkpoint: the standby loads the new leaves and answers it too.
    for (const id of ['S3', 'S4', 'S5']) await sale(id);
    const second = await issue();
    expect(second.treeSize).toBe(14);
    const again = await onBoth('/api/v1/audit/checkpoints/latest');
    expect(again.map((a) => [a.status, a.body])).toEqual([
      [200, second],
      [200, second],
    ]);
    const consistency = await onBoth(`/api/v1/audit/proofs/consistency?from=${first.treeSize}`);
    expect(consistency.map((a) => a.status)).toEqual([200, 200]);
    expect(consistency[1].body).toEqual(consistency[0].body);
    const { from, to, proof: path } = consistency[1].body;
    expect([from, to]).toEqual([8, 14]);
    expect(verifyConsistency(8, 14, path.map(hex), hex(first.rootHash), hex(second.rootHash))).toBe(
      true,
    );
    const beyond = await onBoth('/api/v1/audit/proofs/inclusion?leafIndex=2&treeSize=15');
    expect(beyond.map((a) => [a.status, a.body.code])).toEqual([
      [400, 'VALIDATION_FAILED'],
      [400, 'VALIDATION_FAILED'],
    ]);
  });

  it('shows the same inclusion proofs in a sale’s trace on both workers', async () => {
    await sale('S6');
    const checkpoint = await issue();
    const traces = await onBoth('/api/v1/audit/sales/S6');
    expect(traces.map((a) => a.status)).toEqual([200, 200]);
    expect(traces[1].body).toEqual(traces[0].body);
    expect(traces[1].body.checkpoint).toEqual(checkpoint);
    const events = traces[1].body.events as {
      type: string;
      leafIndex: number;
      inclusion: { treeSize: number; leafHash: string; auditPath: string[] };
    }[];
    expect(events.map((e) => [e.type, e.leafIndex, e.inclusion?.treeSize])).toEqual([
      ['SubscriptionSold', checkpoint.treeSize - 2, checkpoint.treeSize],
      ['DiscountApplied', checkpoint.treeSize - 1, checkpoint.treeSize],
    ]);
    for (const e of events) {
      expect(
        verifyInclusion(
          e.leafIndex,
          checkpoint.treeSize,
          hex(e.inclusion.leafHash),
          e.inclusion.auditPath.map(hex),
          hex(checkpoint.rootHash),
        ),
      ).toBe(true);
    }
  });
});
