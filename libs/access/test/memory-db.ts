import type { Db } from 'mongodb';
import { find } from 'mingo';

type Doc = Record<string, unknown> & { _id: unknown };
interface Index {
  keys: Record<string, number>;
  options: Record<string, unknown>;
}

/** What a MongoDB server answers for a write that breaks a unique index. */
class DuplicateKeyError extends Error {
  readonly code = 11000;
}

/**
 * A stand-in for the driver's Db holding documents in memory, for the calls the access store
 * makes: filters by mingo, `$set` updates, unique indexes enforced, every call recorded. It proves
 * what the store asks for, not that a MongoDB server answers the same: that is
 * mongo-access-store.int.spec.ts, with MONGODB_URI.
 */
export function memoryDb() {
  const collections = new Map<string, Doc[]>();
  const indexes = new Map<string, Index[]>();
  const calls: { collection: string; method: string; args: unknown[] }[] = [];
  const docs = (name: string) => {
    if (!collections.has(name)) collections.set(name, []);
    return collections.get(name)!;
  };
  const matching = (name: string, filter: object) => find(docs(name), filter).all() as Doc[];
  const keyOf = (doc: Doc, keys: Record<string, number>) =>
    JSON.stringify(Object.keys(keys).map((k) => doc[k]));
  const checkUnique = (name: string, doc: Doc, except?: Doc) => {
    const unique = [
      { keys: { _id: 1 } },
      ...(indexes.get(name) ?? []).filter((i) => i.options.unique),
    ];
    for (const { keys } of unique)
      if (docs(name).some((d) => d !== except && keyOf(d, keys) === keyOf(doc, keys)))
        throw new DuplicateKeyError(`E11000 duplicate key error collection: ${name}`);
  };
  let nextId = 0;
  const db = {
    collection: (name: string) => {
      const recorded =
        <A extends unknown[], R>(method: string, run: (...args: A) => R) =>
        (...args: A): R => {
          calls.push({ collection: name, method, args: structuredClone(args) });
          return run(...args);
        };
      return {
        createIndex: recorded(
          'createIndex',
          async (keys: Record<string, number>, options: Record<string, unknown> = {}) => {
            const list = indexes.get(name) ?? [];
            list.push({ keys, options });
            indexes.set(name, list);
            return String(options.name ?? Object.keys(keys).join('_'));
          },
        ),
        insertOne: recorded('insertOne', async (doc: Doc) => {
          const stored = structuredClone({ ...doc, _id: doc._id ?? `oid${nextId++}` });
          checkUnique(name, stored);
          docs(name).push(stored);
          return { acknowledged: true, insertedId: stored._id };
        }),
        findOne: recorded('findOne', async (filter: object) => {
          const [doc] = matching(name, filter);
          return doc ? structuredClone(doc) : null;
        }),
        find: recorded(
          'find',
          (filter: object, options: { sort?: Record<string, 1 | -1> } = {}) => ({
            toArray: async () => {
              let cursor = find(docs(name), filter);
              if (options.sort) cursor = cursor.sort(options.sort);
              return (cursor.all() as Doc[]).map((d) => structuredClone(d));
            },
          }),
        ),
        updateOne: recorded(
          'updateOne',
          async (filter: object, update: { $set: Record<string, unknown> }) => {
            const [doc] = matching(name, filter);
            if (!doc) return { matchedCount: 0, modifiedCount: 0 };
            const changed = { ...doc, ...structuredClone(update.$set) } as Doc;
            checkUnique(name, changed, doc);
            Object.assign(doc, changed);
            return { matchedCount: 1, modifiedCount: 1 };
          },
        ),
        deleteMany: recorded('deleteMany', async (filter: object) => {
          const gone = new Set(matching(name, filter));
          collections.set(
            name,
            docs(name).filter((d) => !gone.has(d)),
          );
          return { deletedCount: gone.size };
        }),
      };
    },
  } as unknown as Db;
  return { db, docs, calls, indexes };
}
