import { NewEvent, SqliteEventStore } from '@fresh/event-store';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSignature, generateNotaryKey, loadNotaryKey } from '../src/checkpoint';
import { Notary } from '../src/notary';
import { NotaryStore } from '../src/notary-store';
import { NotaryView } from '../src/notary-view';

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

/** Every proof the notary can give up to its size: each leaf in each tree, each pair of sizes. */
const everyAnswer = (notary: Notary | NotaryView) => {
  const answers: unknown[] = [];
  for (let size = 1; size <= notary.size; size++) {
    answers.push(notary.root(size));
    for (let leaf = 0; leaf < size; leaf++) answers.push(notary.inclusion(leaf, size));
    for (let from = 0; from <= size; from++) answers.push(notary.consistency(from, size));
  }
  return answers;
};

describe('a read-only view of the notary another process keeps', () => {
  let dir: string;
  let file: string;
  let events: SqliteEventStore;
  let keeper: Notary;
  let notaryKey: ReturnType<typeof loadNotaryKey>;
  let view: NotaryView | undefined;
  const key = () => {
    const made = generateNotaryKey();
    writeFileSync(join(dir, 'notary.key.pem'), made.privatePem);
    return loadNotaryKey(join(dir, 'notary.key.pem'));
  };
  const append = async (from: number, to: number) => {
    for (let n = from; n < to; n++) await events.append(`s-${n}`, [event(n)], 'no_stream');
    await keeper.waitFor((await events.headPosition())!);
  };
  const checkpointRows = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM checkpoints').pluck().get();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notary-view-'));
    file = join(dir, 'notary.db');
    events = new SqliteEventStore(join(dir, 'events.db'));
    let tick = 0;
    notaryKey = key();
    keeper = new Notary(events, new NotaryStore(file), {
      key: notaryKey,
      everyEvents: 0,
      everyMs: 0,
      now: () => new Date(Date.UTC(2026, 10, 30, 0, 0, tick++)),
    });
    keeper.start();
  });
  afterEach(async () => {
    view?.close();
    view = undefined;
    await keeper.stop();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('answers the checkpoint, the roots, every inclusion and consistency proof and the leaf of each event exactly as the keeper', async () => {
    await append(0, 7);
    const issued = keeper.latest();
    view = NotaryView.open(events, file, notaryKey);
    expect(view.size).toBe(7);
    expect(JSON.stringify(view.latest())).toBe(JSON.stringify(issued));
    expect(view.latest()).toMatchObject({ treeSize: 7, keyId: keeper.keyId });
    expect(view.publicKey).toBe(keeper.publicKey);
    expect(view.position).toBe(keeper.position);
    expect(everyAnswer(view)).toEqual(everyAnswer(keeper));
    const positions = (await events.readAll({ maxCount: 100 })).map((e) => e.position);
    expect(positions.map((p) => view!.leafIndexAt(p))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(positions.map((p) => keeper.leafIndexAt(p))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await view.eventAt(4)).toEqual(await keeper.eventAt(4));
    expect((await view.eventAt(4))?.data).toEqual({ n: 4 });
  });

  it('loads only the leaves added since it last looked, and nothing when the keeper wrote nothing', async () => {
    await append(0, 5);
    keeper.latest();
    view = NotaryView.open(events, file, notaryKey);
    const leavesFrom = jest.spyOn(NotaryStore.prototype, 'leafHashesFrom');
    const leafCount = jest.spyOn(NotaryStore.prototype, 'leafCount');
    view.refresh();
    expect([leavesFrom.mock.calls, leafCount.mock.calls]).toEqual([[], []]);

    await append(5, 9);
    expect(view.size).toBe(5); // until it looks again
    view.refresh();
    expect(leavesFrom.mock.calls).toEqual([[5]]);
    expect(view.size).toBe(9);
    expect(everyAnswer(view)).toEqual(everyAnswer(keeper));
    // Leaves added, no checkpoint issued since: the view signs one of its 9 leaves, kept nowhere,
    // with the keeper's root at that size.
    const signedByView = view.latest()!;
    expect(signedByView).toMatchObject({
      treeSize: 9,
      rootHash: keeper.root(9),
      keyId: keeper.keyId,
    });
    expect(checkSignature(signedByView, keeper.publicKey!)).toBe('valid');
    expect(checkpointRows()).toBe(1);
    const next = keeper.latest();
    expect(next.treeSize).toBe(9);
    view.refresh();
    expect(JSON.stringify(view.latest())).toBe(JSON.stringify(next));
    expect(leavesFrom.mock.calls).toEqual([[5], [9]]);
  });

  it('writes nothing: before the keeper’s first checkpoint it signs one of the leaves it holds, kept nowhere', async () => {
    await append(0, 3);
    view = NotaryView.open(events, file, notaryKey);
    expect(view.size).toBe(3);
    expect(view.latest()).toMatchObject({ treeSize: 3, rootHash: keeper.root(3) });
    expect(checkpointRows()).toBe(0);
    const issued = keeper.latest();
    view.refresh();
    expect(JSON.stringify(view.latest())).toBe(JSON.stringify(issued));
    expect(checkpointRows()).toBe(1);
  });

  it('has no checkpoint to answer while the keeper has recorded no leaf', () => {
    view = NotaryView.open(events, file, notaryKey);
    expect(view.latest()).toBeUndefined();
  });

  it('cannot be opened where the keeper has not created notary.db yet, and creates no file', () => {
    const missing = join(dir, 'elsewhere', 'notary.db');
    expect(() => NotaryView.open(events, missing, undefined)).toThrow();
    expect(existsSync(missing)).toBe(false);
  });

  it('opens the file of a keeper that has stopped', async () => {
    await append(0, 4);
    const issued = keeper.latest();
    const answers = everyAnswer(keeper);
    await keeper.stop();
    keeper = new Notary(events, new NotaryStore(join(dir, 'other.db')), {
      everyEvents: 0,
      everyMs: 0,
    });
    view = NotaryView.open(events, file, undefined);
    expect(JSON.stringify(view.latest())).toBe(JSON.stringify(issued));
    expect(everyAnswer(view)).toEqual(answers);
  });
});
