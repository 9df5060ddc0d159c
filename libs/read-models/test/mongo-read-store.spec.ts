import { StoreUnavailableError } from '@fresh/event-store';
import type { Db } from 'mongodb';
import {
  MongoBulkWriteError,
  MongoInvalidArgumentError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoWriteConcernError,
} from 'mongodb';
import { isUnreachable, MongoReadStore, ReadOpRefusedError, toBulkWrite } from '../src';

/** A bulk write error as the driver builds it: around a driver error, or with the server's write errors. */
const bulkError = (
  error: Error | { message: string; code: number; writeErrors: object[] },
): MongoBulkWriteError => new MongoBulkWriteError(error as never, {} as never); // the result is not read
const selection = () =>
  new MongoServerSelectionError('Server selection timed out after 3000 ms', {
    type: 'Unknown',
    servers: new Map(),
  } as never);

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
    const duplicate = bulkError({
      message: 'E11000 duplicate key error',
      code: 11000,
      writeErrors: [{ code: 11000, index: 1, errmsg: 'E11000 duplicate key error' }],
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

  it('refuses for good, naming the op, a write the server rejects (a bad update, a document too large)', async () => {
    const tooLarge = bulkError({
      message: 'BSONObj size: 16800000 (0x1005A80) is invalid',
      code: 10334,
      writeErrors: [{ code: 10334, index: 1, errmsg: 'BSONObj size: 16800000 is invalid' }],
    });
    const { db } = recordingDb([{ collection: 'g1.partners', error: tooLarge }]);
    const ops = [op('P1', { $set: { a: 1 } }, 1n), op('P2', { $push: { b: 1 } }, 2n)];
    const commit = new MongoReadStore(db).commit('g1', ops, { name: 'projector', position: 2n });
    await expect(commit).rejects.toThrow(ReadOpRefusedError);
    await commit.catch((error: ReadOpRefusedError) => {
      expect(error.op).toBe(ops[1]);
      expect(error.message).toBe(
        'partners P2: MongoDB refused the update: BSONObj size: 16800000 is invalid (code 10334)',
      );
    });
  });

  it('answers StoreUnavailableError when the driver cannot reach the server, on reads and writes', async () => {
    const store = new MongoReadStore({
      collection: () => ({
        findOneAndUpdate: () => Promise.reject(selection()),
        findOne: () =>
          Promise.reject(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed')),
      }),
    } as unknown as Db);
    await expect(store.liveGeneration()).rejects.toThrow(StoreUnavailableError);
    await expect(store.liveGeneration()).rejects.toThrow(
      'MongoDB read store is unreachable: Server selection timed out after 3000 ms',
    );
    await expect(store.checkpoint('g1', 'projector')).rejects.toThrow(StoreUnavailableError);
    const { db } = recordingDb([
      { collection: 'g1.partners', error: bulkError(new MongoNetworkError('connection reset')) },
    ]);
    await expect(
      new MongoReadStore(db).commit('g1', [op('P1', { $set: { a: 1 } }, 1n)], {
        name: 'projector',
        position: 1n,
      }),
    ).rejects.toThrow(StoreUnavailableError);
  });
});

describe('MongoDB driver errors: cannot reach, or refused', () => {
  const server = (code: number, errorLabels: string[] = []) =>
    new MongoServerError({ message: `code ${code}`, code, errorLabels });

  it.each([
    ['a network error', new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed')],
    ['a network timeout', new MongoNetworkTimeoutError('connection timed out')],
    ['no server selected', selection()],
    ['a closed topology', new MongoTopologyClosedError()],
    ['a client never connected', new MongoNotConnectedError('not connected')],
    ['NotWritablePrimary (10107)', server(10107)],
    ['ShutdownInProgress (91)', server(91)],
    ['PrimarySteppedDown (189)', server(189)],
    ['InterruptedDueToReplStateChange (11602)', server(11602)],
    ['HostUnreachable (6)', server(6)],
    ['a retryable write error label', server(1, ['RetryableWriteError'])],
    [
      'a write concern timeout (64)',
      new MongoWriteConcernError({
        writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' },
      } as never),
    ],
    ['a bulk write the server never answered', bulkError(new MongoNetworkError('reset'))],
    ['a bulk write with no server selected', bulkError(selection())],
  ])('%s: cannot reach', (_what, error) => {
    expect(isUnreachable(error)).toBe(true);
  });

  it.each([
    ['TypeMismatch (14): $inc of a string', server(14)],
    ['BadValue (2)', server(2)],
    ['ConflictingUpdateOperators (40)', server(40)],
    ['BSONObjectTooLarge (10334)', server(10334)],
    ['DuplicateKey (11000)', server(11000)],
    [
      'a bulk write error with write errors',
      bulkError({ message: 'x', code: 14, writeErrors: [{ index: 0, code: 14, errmsg: 'x' }] }),
    ],
    [
      'an invalid argument',
      new MongoInvalidArgumentError('Update document requires atomic operators'),
    ],
    ['a plain error', new Error('boom')],
  ])('%s: an answer, not a lost connection', (_what, error) => {
    expect(isUnreachable(error)).toBe(false);
  });
});
