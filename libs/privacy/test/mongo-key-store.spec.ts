import { Binary, Db } from 'mongodb';
import { find } from 'mingo';
import { MongoKeyStore } from '../src';
import { keyStoreContract } from './key-store.contract';

type Doc = Record<string, unknown> & { _id: string };

/**
 * A stand-in for the driver's Db holding documents in memory, for the few calls the key store
 * makes (filters by mingo, upserts with $setOnInsert). It proves what the store asks for, not
 * that a MongoDB server answers the same: that is mongo-key-store.int.spec.ts, with MONGODB_URI.
 */
function memoryDb() {
  const collections = new Map<string, Map<string, Doc>>();
  const docs = (name: string) => {
    if (!collections.has(name)) collections.set(name, new Map());
    return collections.get(name)!;
  };
  const matching = (name: string, filter: object) =>
    find([...docs(name).values()], filter).all() as Doc[];
  const copy = (doc: Doc) => structuredClone(doc);
  const upsertOnInsert = (
    name: string,
    filter: Doc | Record<string, unknown>,
    update: { $setOnInsert: Doc },
  ) => {
    if (matching(name, filter).length > 0) return;
    const doc = { ...filter, ...update.$setOnInsert } as Doc;
    const unique =
      name === 'data_keys' && [...docs(name).values()].some((d) => d.subject === doc.subject);
    if (!unique) docs(name).set(doc._id, doc);
  };
  const db = {
    collection: (name: string) => ({
      createIndex: async () => 'subject_1',
      findOne: async (filter: object) => matching(name, filter).map(copy)[0] ?? null,
      find: (filter: object) => ({ toArray: async () => matching(name, filter).map(copy) }),
      updateOne: async (filter: Doc, update: { $setOnInsert: Doc }) =>
        upsertOnInsert(name, filter, update),
      bulkWrite: async (ops: { updateOne: { filter: Doc; update: { $setOnInsert: Doc } } }[]) => {
        for (const { updateOne } of ops) upsertOnInsert(name, updateOne.filter, updateOne.update);
      },
      deleteMany: async (filter: object) => {
        for (const doc of matching(name, filter)) docs(name).delete(doc._id);
      },
      estimatedDocumentCount: async () => docs(name).size,
    }),
  } as unknown as Db;
  return { db, docs };
}

keyStoreContract(
  'MongoDB (in-memory stand-in for the driver)',
  async () => new MongoKeyStore(memoryDb().db),
);

describe('MongoDB key store: what it keeps', () => {
  it('keeps the key as binary under its id, and after destruction only the ids and the date', async () => {
    const { db, docs } = memoryDb();
    const keys = new MongoKeyStore(db);
    const { keyId, key } = await keys.keyFor('client-C1');
    expect([...docs('data_keys').values()]).toEqual([
      { _id: keyId, subject: 'client-C1', key: new Binary(key), createdAt: expect.any(String) },
    ]);
    await keys.destroy('client-C1', [keyId], '2015-06-01');
    expect(docs('data_keys').size).toBe(0);
    expect([...docs('erased_keys').values()]).toEqual([
      { _id: keyId, subject: 'client-C1', erasedAt: '2015-06-01' },
    ]);
    expect([...docs('erased_subjects').values()]).toEqual([
      { _id: 'client-C1', erasedAt: '2015-06-01' },
    ]);
  });
});
