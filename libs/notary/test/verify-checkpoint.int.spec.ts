import Database from 'better-sqlite3';
import { chainHash, GENESIS, NewEvent, SqliteEventStore, verifyLog } from '@fresh/event-store';
import { generateNotaryKey, loadNotaryKey } from '../src/checkpoint';
import { Notary } from '../src/notary';
import { NotaryStore } from '../src/notary-store';
import { verifyAgainstCheckpoint } from '../src/verify-checkpoint';
import { Checkpoint } from '../src/checkpoint';
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const event = (type: string, data: unknown): NewEvent => ({
  type,
  schemaVersion: 1,
  data,
  metadata: {
    eventId: `e-${type}-${JSON.stringify(data)}`,
    correlationId: 'c',
    causationId: 'c',
    actor: { keyId: 'k', role: 'vendor' },
    businessDate: '2015-01-15',
    recordedAt: '2015-01-15T10:00:00.000Z',
    command: { type: 'T', route: 'POST /x', receivedAt: '2015-01-15T10:00:00.000Z' },
  },
});

/**
 * A log of three sales (sale-S1: sold, discount, paid; S2; S3) and a partner, a notary that
 * followed it, and a signed checkpoint of it; each test tampers with a copy of events.db.
 */
describe('verify against a checkpoint', () => {
  let dir: string;
  let checkpoint: Checkpoint;
  let publicKey: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notary-'));
    const keyFile = join(dir, 'notary.key');
    writeFileSync(keyFile, generateNotaryKey().privatePem);
    const key = loadNotaryKey(keyFile);
    publicKey = key.publicKey;
    const events = new SqliteEventStore(join(dir, 'events.db'));
    await events.append(
      'partner-P1',
      [event('PartnerRegistered', { partnerId: 'P1' })],
      'no_stream',
    );
    for (const id of ['S1', 'S2', 'S3']) {
      await events.append(
        `sale-${id}`,
        [
          event('SubscriptionSold', { saleId: id }),
          event('DiscountApplied', { saleId: id, discount: 246913 }),
        ],
        'no_stream',
      );
    }
    await events.append('sale-S1', [event('PaymentReceived', { saleId: 'S1', amount: 987654 })], 1);
    await events.append('partner-P1', [event('PartnerCertified', { partnerId: 'P1' })], 0);
    const notary = new Notary(events, new NotaryStore(join(dir, 'notary.db')), {
      key,
      everyEvents: 0,
      everyMs: 0,
    });
    notary.start();
    await notary.waitFor((await events.headPosition())!);
    checkpoint = notary.checkpoint();
    await notary.stop();
    await events.close();
    expect(checkpoint.treeSize).toBe(9);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the data dir's events.db, changed by `tamper`, verified against the checkpoint. */
  async function verifyCopy(tamper: (db: Database.Database) => void, name: string) {
    const file = join(dir, `${name}.db`);
    copyFileSync(join(dir, 'events.db'), file);
    const db = new Database(file);
    tamper(db);
    db.close();
    const events = new SqliteEventStore(file);
    const recorded = new NotaryStore(join(dir, 'notary.db'));
    const { tree } = recorded.loadTree();
    recorded.close();
    try {
      return {
        result: await verifyAgainstCheckpoint(events, checkpoint, {
          trustedKey: publicKey,
          recordedLeaf: (i) => (i < tree.size ? tree.leaf(i) : undefined),
        }),
        chains: await verifyLog(events),
      };
    } finally {
      await events.close();
    }
  }

  it('an untouched log extends its checkpoint, with a valid signature', async () => {
    const { result, chains } = await verifyCopy(() => undefined, 'untouched');
    expect(chains.intact).toBe(true);
    expect(result).toMatchObject({
      extendsCheckpoint: true,
      signature: 'valid',
      now: { treeSize: 9, rootHash: checkpoint.rootHash },
      consistencyProof: [],
    });
    expect(result.firstDifference).toBeUndefined();
  });

  it('reports the last event of a stream deleted (a PaymentReceived) at its place in the log', async () => {
    const { result, chains } = await verifyCopy(
      (db) => db.prepare("DELETE FROM events WHERE stream_id = 'sale-S1' AND revision = 2").run(),
      'tail',
    );
    expect(chains.intact).toBe(true); // the chains alone cannot see it
    expect(result.extendsCheckpoint).toBe(false);
    expect(result.firstDifference).toMatchObject({
      leafIndex: 7,
      streamId: 'partner-P1',
      revision: 1,
    });
  });

  it('reports a whole stream deleted', async () => {
    const { result, chains } = await verifyCopy(
      (db) => db.prepare("DELETE FROM events WHERE stream_id = 'sale-S2'").run(),
      'stream',
    );
    expect(chains.intact).toBe(true);
    expect(result.extendsCheckpoint).toBe(false);
    expect(result.firstDifference).toMatchObject({
      leafIndex: 3,
      streamId: 'sale-S3',
      revision: 0,
    });
  });

  it('reports an event altered and its stream re-hashed', async () => {
    const { result, chains } = await verifyCopy((db) => {
      const rows = db
        .prepare("SELECT * FROM events WHERE stream_id = 'sale-S1' ORDER BY revision")
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
        const data =
          row.type === 'DiscountApplied' ? JSON.stringify({ saleId: 'S1', discount: 1 }) : row.data;
        prev = chainHash(
          prev,
          'sale-S1',
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
    }, 'rehashed');
    expect(chains.intact).toBe(true); // re-hashed: the chains agree with the forgery
    expect(result.extendsCheckpoint).toBe(false);
    expect(result.firstDifference).toMatchObject({
      leafIndex: 2,
      streamId: 'sale-S1',
      revision: 1,
    });
  });

  it('reports a truncated log', async () => {
    const { result } = await verifyCopy(
      (db) => db.prepare('DELETE FROM events WHERE position > 6').run(),
      'truncated',
    );
    expect(result.extendsCheckpoint).toBe(false);
    expect(result.now.treeSize).toBe(6);
    expect(result.now.rootAtCheckpointSize).toBeNull();
    expect(result.firstDifference).toMatchObject({ leafIndex: 6 });
    expect(result.firstDifference?.reason).toMatch(/holds 6 events where the checkpoint covers 9/);
  });

  it('reports a checkpoint whose signature does not match, or signed by another key', async () => {
    const forged = { ...checkpoint, treeSize: 8 };
    const { result } = await verifyCopy(() => undefined, 'forged');
    expect(result.signature).toBe('valid');
    const events = new SqliteEventStore(join(dir, 'events.db'));
    try {
      const again = await verifyAgainstCheckpoint(events, forged, { trustedKey: publicKey });
      expect(again.signature).toBe('invalid');
      expect(again.extendsCheckpoint).toBe(false);
      const other = generateNotaryKey();
      const otherDir = join(dir, 'other.key');
      writeFileSync(otherDir, other.privatePem);
      const stranger = await verifyAgainstCheckpoint(events, checkpoint, {
        trustedKey: loadNotaryKey(otherDir).publicKey,
      });
      expect(stranger.signature).toBe('invalid');
    } finally {
      await events.close();
    }
  });
});
