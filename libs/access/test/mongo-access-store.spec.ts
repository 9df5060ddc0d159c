import type { Db } from 'mongodb';
import { ACCESS_INDEXES, MongoAccessStore } from '../src';
import { accessStoreContract } from './access-store.contract';
import { memoryDb } from './memory-db';

accessStoreContract('MongoDB (in-memory stand-in for the driver)', async () => {
  const { db, docs } = memoryDb();
  const stored = async () =>
    JSON.stringify(['api_keys', 'idempotency_answers'].map((name) => docs(name)));
  return { store: new MongoAccessStore(db), stored };
});

describe('MongoDB access store: what it asks of the server', () => {
  it('creates unique indexes on the key hash and on (caller, Idempotency-Key), and a 7-day TTL', async () => {
    const { db, indexes } = memoryDb();
    const access = new MongoAccessStore(db);
    await access.createKey('vendor', {}, new Date('2015-01-15T10:00:00Z'));
    await access.createKey('vendor', {}, new Date('2015-01-15T10:00:00Z'));
    expect(ACCESS_INDEXES).toHaveLength(3);
    expect(indexes.get('api_keys')).toEqual([
      { keys: { keyHash: 1 }, options: { unique: true, name: 'keyHash_unique' } },
    ]);
    expect(indexes.get('idempotency_answers')).toEqual([
      { keys: { scope: 1, key: 1 }, options: { unique: true, name: 'scope_key_unique' } },
      { keys: { createdAt: 1 }, options: { expireAfterSeconds: 604_800, name: 'createdAt_ttl' } },
    ]);
  });

  it('keeps a key under its id with the sha256 of its secret, and an answer with a BSON date for the TTL', async () => {
    const { db, docs } = memoryDb();
    const access = new MongoAccessStore(db);
    const t0 = new Date('2015-01-15T10:00:00Z');
    const { key, secret } = await access.createKey('analyst', { name: 'Аналитик' }, t0);
    const { createHash } = await import('node:crypto');
    expect(docs('api_keys')).toEqual([
      {
        _id: key.id,
        keyHash: createHash('sha256').update(secret).digest('hex'),
        name: 'Аналитик',
        role: 'analyst',
        partnerId: null,
        createdAt: '2015-01-15T10:00:00.000Z',
        revokedAt: null,
      },
    ]);
    await access.saveAnswer(key.id, 'k1', { fingerprint: 'f', status: 201, body: { a: 1 } }, t0);
    expect(docs('idempotency_answers')).toEqual([
      {
        _id: expect.any(String),
        scope: key.id,
        key: 'k1',
        fingerprint: 'f',
        status: 201,
        body: '{"a":1}',
        createdAt: t0,
      },
    ]);
  });

  it('turns a server it cannot reach into StoreUnavailableError', async () => {
    const { MongoNetworkError } = await import('mongodb');
    const { StoreUnavailableError } = await import('@fresh/event-store');
    const down = {
      collection: () => ({
        findOne: async () => {
          throw new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
        },
      }),
    } as unknown as Db;
    await expect(new MongoAccessStore(down).authenticate('fp_x')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});
