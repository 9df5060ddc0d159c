import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { openMongoAccessStore } from '../src';
import { accessStoreContract } from './access-store.contract';

/** Runs against a real MongoDB when MONGODB_URI is set (npm run test:servers); skipped otherwise. */
const uri = process.env.MONGODB_URI;
if (uri) {
  const databaseUri = () => {
    const url = new URL(uri);
    url.pathname = `/fresh_test_${randomUUID().slice(0, 8)}`;
    return url.toString();
  };
  accessStoreContract('MongoDB', async () => {
    const at = databaseUri();
    const store = await openMongoAccessStore(at);
    const stored = async () => {
      const client = await MongoClient.connect(at);
      try {
        const db = client.db();
        const all = await Promise.all(
          ['api_keys', 'idempotency_answers'].map((n) => db.collection(n).find().toArray()),
        );
        return JSON.stringify(all);
      } finally {
        await client.close();
      }
    };
    return { store, stored };
  });

  describe('MongoDB access store: the server’s indexes', () => {
    it('has the unique indexes and the TTL index', async () => {
      const at = databaseUri();
      const store = await openMongoAccessStore(at);
      const client = await MongoClient.connect(at);
      try {
        const answers = await client.db().collection('idempotency_answers').indexes();
        expect(answers).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ key: { scope: 1, key: 1 }, unique: true }),
            expect.objectContaining({ key: { createdAt: 1 }, expireAfterSeconds: 604_800 }),
          ]),
        );
        const keys = await client.db().collection('api_keys').indexes();
        expect(keys).toEqual(
          expect.arrayContaining([expect.objectContaining({ key: { keyHash: 1 }, unique: true })]),
        );
        await client.db().dropDatabase();
      } finally {
        await client.close();
        await store.close();
      }
    });
  });
} else {
  describe.skip('AccessStore contract: MongoDB — SKIPPED: set MONGODB_URI to run it against a real server', () => {
    it('needs a MongoDB server', () => undefined);
  });
}
