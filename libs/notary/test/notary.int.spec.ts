import { NewEvent, SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeafHash } from '../src/leaf';
import { treeHead } from '../src/merkle';
import { MerkleTree } from '../src/merkle-tree';
import { Notary } from '../src/notary';
import { NotaryStore } from '../src/notary-store';

const event = (n: number): NewEvent => ({
  type: 'PartnerRegistered',
  schemaVersion: 1,
  data: { n },
  metadata: {
    eventId: `e${n}`,
    correlationId: 'c',
    causationId: 'c',
    actor: { keyId: 'k', role: 'vendor' },
    businessDate: '2015-01-15',
    recordedAt: '2015-01-15T10:00:00.000Z',
    command: { type: 'T', route: 'POST /x', receivedAt: '2015-01-15T10:00:00.000Z' },
  },
});

describe('the notary following a log', () => {
  let dir: string;
  let events: SqliteEventStore;
  const now = () => new Date('2026-11-30T00:00:00.000Z');
  const open = (everyEvents = 0) =>
    new Notary(events, new NotaryStore(join(dir, 'notary.db')), { everyEvents, everyMs: 0, now });
  const expectedRoot = async () => {
    const tree = new MerkleTree();
    for (const e of await events.readAll({ maxCount: 1000 })) tree.append(eventLeafHash(e));
    return { size: tree.size, root: treeHead(tree).toString('hex') };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notary-follow-'));
    events = new SqliteEventStore(join(dir, 'events.db'));
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a leaf per event, answers checkpoints and consistency proofs, and resumes where it stopped', async () => {
    for (let n = 0; n < 3; n++) await events.append(`s-${n}`, [event(n)], 'no_stream');
    let notary = open(2);
    notary.start();
    await notary.waitFor((await events.headPosition())!);
    expect(notary.size).toBe(3);
    const first = notary.latest();
    expect(first).toMatchObject({
      treeSize: 3,
      rootHash: (await expectedRoot()).root,
      keyId: null,
      signature: null,
    });
    await notary.stop();

    for (let n = 3; n < 5; n++) await events.append(`s-${n}`, [event(n)], 'no_stream');
    notary = open(2);
    notary.start();
    await notary.waitFor((await events.headPosition())!);
    expect(notary.size).toBe(5); // the three leaves kept, and two new: none twice
    const { root } = await expectedRoot();
    expect(notary.root()).toBe(root);
    const proof = notary.consistency(3, 5);
    expect(proof).toMatchObject({ from: 3, to: 5, fromRoot: first.rootHash, toRoot: root });
    // The latest checkpoint covers the whole tree.
    const issued = notary.latest();
    expect(issued).toMatchObject({
      treeSize: 5,
      rootHash: root,
      issuedAt: '2026-11-30T00:00:00.000Z',
    });
    await notary.stop();
  });
});
