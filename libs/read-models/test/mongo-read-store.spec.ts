import type { Db } from 'mongodb';
import { MongoReadStore, toBulkWrite } from '../src';

/** A stand-in for the driver's Db that records what the adapter sends (no server needed). */
function recordingDb(failures: { collection: string; error: unknown }[] = []) {
  const calls: { collection: string; method: string; args: unknown[] }[] = [];
  const db = {
    collection: (collection: string) =>
      new Proxy(
        {},
        {
          get:
            (_target, method: string) =>
            async (...args: unknown[]) => {
              calls.push({ collection, method, args });
              const failure =
                method === 'bulkWrite'
                  ? failures.find((f) => f.collection === collection)
                  : undefined;
              if (failure) {
                failures.splice(failures.indexOf(failure), 1);
                throw failure.error;
              }
              return {};
            },
        },
      ),
  } as unknown as Db;
  return { db, calls };
}

describe('MongoDB read store: what it sends to the driver', () => {
  const op = (id: string, update: Record<string, unknown>, position: bigint) => ({
    collection: 'partners',
    id,
    update,
    position,
  });

  it('turns an op into an upsert guarded by the position the document has seen', () => {
    expect(
      toBulkWrite(op('P1', { $inc: { 'paid.count': 1 }, $set: { name: 'Альфа' } }, 42n)),
    ).toEqual({
      updateOne: {
        filter: {
          _id: 'P1',
          $or: [
            { _pos: { $exists: false } },
            { _pos: { $lt: '0000000000000000000000000000000000000042' } },
          ],
        },
        update: {
          $inc: { 'paid.count': 1 },
          $set: { name: 'Альфа', _pos: '0000000000000000000000000000000000000042' },
        },
        upsert: true,
      },
    });
  });

  it('commits ordered bulk writes per collection of the generation, indexes once, then the checkpoint', async () => {
    const { db, calls } = recordingDb();
    const store = new MongoReadStore(db);
    await store.commit(
      'g7',
      [
        op('P1', { $set: { a: 1 } }, 1n),
        { ...op('C1', { $set: { partnerId: 'P1' } }, 2n), collection: 'clients' },
        op('P1', { $set: { b: 2 } }, 3n),
      ],
      { name: 'projector', position: 3n },
    );
    await store.commit('g7', [], { name: 'projector', position: 3n });
    expect(calls.map((c) => [c.collection, c.method])).toEqual([
      ['g7.clients', 'createIndex'],
      ['g7.partners', 'bulkWrite'],
      ['g7.clients', 'bulkWrite'],
      ['checkpoints', 'updateOne'],
      ['checkpoints', 'updateOne'],
    ]);
    expect((calls[1].args[0] as unknown[]).length).toBe(2);
    expect(calls[1].args[1]).toEqual({ ordered: true });
    expect(calls[3].args).toEqual([
      { _id: 'g7/projector' },
      { $set: { generation: 'g7', name: 'projector', position: '3' } },
      { upsert: true },
    ]);
  });

  it('skips a write the document has already seen (duplicate key on upsert) and goes on with the rest', async () => {
    const duplicate = Object.assign(new Error('E11000'), {
      code: 11000,
      writeErrors: [{ code: 11000, index: 1 }],
    });
    const { db, calls } = recordingDb([{ collection: 'g1.partners', error: duplicate }]);
    const store = new MongoReadStore(db);
    const ops = [
      op('P1', { $set: { a: 1 } }, 1n),
      op('P2', { $set: { a: 1 } }, 2n),
      op('P3', { $set: { a: 1 } }, 3n),
    ];
    await store.commit('g1', ops, { name: 'projector', position: 3n });
    const bulk = calls
      .filter((c) => c.method === 'bulkWrite')
      .map((c) =>
        (c.args[0] as { updateOne: { filter: { _id: string } } }[]).map(
          (w) => w.updateOne.filter._id,
        ),
      );
    expect(bulk).toEqual([['P1', 'P2', 'P3'], ['P3']]);
  });

  it('passes any other write error on', async () => {
    const { db } = recordingDb([
      { collection: 'g1.partners', error: Object.assign(new Error('boom'), { code: 2 }) },
    ]);
    await expect(
      new MongoReadStore(db).commit('g1', [op('P1', { $set: { a: 1 } }, 1n)], {
        name: 'projector',
        position: 1n,
      }),
    ).rejects.toThrow('boom');
  });

  it('switches the live generation with one update of one document', async () => {
    const { db, calls } = recordingDb();
    await new MongoReadStore(db).switchLive('g9');
    expect(calls).toEqual([
      {
        collection: 'live',
        method: 'updateOne',
        args: [{ _id: 'live' }, { $set: { generation: 'g9' } }, { upsert: true }],
      },
    ]);
  });
});
