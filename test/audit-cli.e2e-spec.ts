import Database from 'better-sqlite3';
import { chainHash, GENESIS } from '@fresh/event-store';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, tempDataDir } from './support/harness';
import { seedProgramme } from './support/programme';
import { freshRun } from './support/server-process';

/**
 * `fresh audit verify --checkpoint`: a checkpoint made before the change, then a copy of the data
 * tampered with as whoever can write events.db could; each change is reported with its place.
 */
describe('fresh audit keygen, checkpoint and verify --checkpoint', () => {
  let dataDir: string;
  let keys: string;
  let checkpointFile: string;
  let tree: number;

  beforeAll(async () => {
    dataDir = tempDataDir();
    keys = mkdtempSync(join(tmpdir(), 'auditor-'));
    const api = await Harness.start(dataDir);
    const programme = await seedProgramme(api);
    await programme.ok('POST', '/api/v1/clients', programme.client('C1'), programme.p1);
    for (const saleId of ['S1', 'S2']) {
      const body = {
        saleId,
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      };
      await programme.ok('POST', '/api/v1/sales', body, programme.p1);
    }
    await programme.ok('POST', '/api/v1/sales/S1/payment', {
      paidOn: '2015-01-20',
      amount: '9876.54',
    });
    await api.close();

    const keygen = freshRun(['audit', 'keygen', '--out', join(keys, 'notary.key')], dataDir);
    expect(keygen.status).toBe(0);
    expect(keygen.stdout).toMatch(/^notary key [0-9a-f]{16}\n/);
    process.env.FRESH_NOTARY_KEY = join(keys, 'notary.key');
    let made;
    try {
      made = freshRun(['audit', 'checkpoint'], dataDir);
    } finally {
      delete process.env.FRESH_NOTARY_KEY;
    }
    expect(made.status).toBe(0);
    const checkpoint = JSON.parse(made.stdout);
    // 2 partners, a certification, the price list, the experiment, the client, 2 × 2 sale events, a payment.
    expect(checkpoint).toMatchObject({
      treeSize: 11,
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    tree = checkpoint.treeSize;
    checkpointFile = join(keys, 'checkpoint.json');
    writeFileSync(checkpointFile, made.stdout);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keys, { recursive: true, force: true });
  });

  /** Verifies a copy of the data dir changed by `tamper`, against the checkpoint and the public key. */
  function verifyCopy(tamper: (db: Database.Database) => void) {
    const copy = tempDataDir();
    cpSync(dataDir, copy, { recursive: true });
    const db = new Database(join(copy, 'events.db'));
    tamper(db);
    db.close();
    const run = freshRun(
      ['audit', 'verify', '--checkpoint', checkpointFile, '--key', join(keys, 'notary.pub.pem')],
      copy,
    );
    rmSync(copy, { recursive: true, force: true });
    return { status: run.status, result: JSON.parse(run.stdout), stderr: run.stderr };
  }

  it('refuses a key inside the data dir and a key file that exists', () => {
    const inside = freshRun(['audit', 'keygen', '--out', join(dataDir, 'notary.key')], dataDir);
    expect([inside.status, inside.stderr.trim()]).toEqual([
      2,
      'error: the notary key must be kept outside the data dir (FRESH_DATA_DIR)',
    ]);
    const again = freshRun(['audit', 'keygen', '--out', join(keys, 'notary.key')], dataDir);
    expect(again.status).toBe(2);
    expect(readFileSync(join(keys, 'notary.key'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('an untouched log verifies, with the checkpoint signed by the key given', () => {
    const { status, result, stderr } = verifyCopy(() => undefined);
    expect(status).toBe(0);
    expect(result).toMatchObject({
      intact: true,
      checked: tree,
      tree: { extendsCheckpoint: true, signature: 'valid', now: { treeSize: tree } },
    });
    // A progress line for each walk, the chains first, each ending at 100 %.
    expect(stderr).toMatch(
      /verify chains: 100% {2}\d+\/\d+ events[^]*verify tree: 100% {2}\d+\/\d+ events/,
    );
  });

  it('reports the last event of a stream deleted: the PaymentReceived', () => {
    const { status, result } = verifyCopy((db) =>
      db.prepare("DELETE FROM events WHERE type = 'PaymentReceived'").run(),
    );
    expect(status).toBe(1);
    expect(result).toMatchObject({
      intact: false,
      tree: {
        extendsCheckpoint: false,
        firstDifference: {
          leafIndex: 10,
          reason: expect.stringMatching(/holds 10 events where the checkpoint covers 11/),
        },
      },
    });
  });

  it('reports a whole stream deleted, at its first event', () => {
    const { status, result } = verifyCopy((db) =>
      db.prepare("DELETE FROM events WHERE stream_id = 'sale-S1'").run(),
    );
    expect(status).toBe(1);
    expect(result.tree).toMatchObject({
      extendsCheckpoint: false,
      firstDifference: { leafIndex: 6, streamId: 'sale-S2', revision: 0 },
    });
  });

  it('reports an event altered and its stream re-hashed, which the chains alone do not see', () => {
    const { status, result } = verifyCopy((db) => {
      const rows = db
        .prepare("SELECT * FROM events WHERE stream_id = 'sale-S2' ORDER BY revision")
        .all() as {
        position: number;
        revision: number;
        type: string;
        schema_version: number;
        data: string;
        metadata: string;
      }[];
      let prev = GENESIS;
      for (const row of rows) {
        const data = row.data.replace('"discount":246913', '"discount":1');
        prev = chainHash(
          prev,
          'sale-S2',
          row.revision,
          row.type,
          row.schema_version,
          data,
          row.metadata,
        );
        db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?').run(
          data,
          prev,
          row.position,
        );
      }
    });
    expect(status).toBe(1);
    expect(result).toMatchObject({
      checked: tree, // every chain is intact…
      intact: false, // …but the tree is not
      tree: {
        extendsCheckpoint: false,
        firstDifference: { leafIndex: 9, streamId: 'sale-S2', revision: 1 },
      },
    });
    expect(result.firstBrokenAt).toBeUndefined();
  });

  it('reports a truncated log', () => {
    const { status, result } = verifyCopy((db) =>
      db.prepare('DELETE FROM events WHERE position > 4').run(),
    );
    expect(status).toBe(1);
    expect(result.tree).toMatchObject({
      extendsCheckpoint: false,
      now: { treeSize: 4, rootAtCheckpointSize: null },
      firstDifference: { leafIndex: 4 },
    });
  });
});
