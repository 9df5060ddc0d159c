import { Binary, Db } from 'mongodb';
import { newDataKey } from './field-cipher';
import { newKeyId } from './embedded-key-store';
import { DataKey, KeyStore } from './key-store.port';

interface KeyDoc {
  _id: string;
  subject: string;
  key: Binary;
  createdAt: string;
}
interface ErasedKeyDoc {
  _id: string;
  subject: string;
  erasedAt: string;
}
interface ErasedSubjectDoc {
  _id: string;
  erasedAt: string;
}

/**
 * The key store on MongoDB (with FRESH_READ_STORE=mongo): `data_keys` (one live key per subject,
 * a unique index on `subject`), `erased_keys`, `erased_subjects`. A deleted document's bytes stay
 * in MongoDB's files until the storage engine reuses them, and the key's insert stays in the
 * replica set's oplog until it rolls over: see the operator's notes on the key store.
 */
export class MongoKeyStore extends KeyStore {
  private indexed?: Promise<unknown>;

  constructor(
    private readonly db: Db,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    super();
  }

  private get dataKeys() {
    return this.db.collection<KeyDoc>('data_keys');
  }
  private get erasedKeys() {
    return this.db.collection<ErasedKeyDoc>('erased_keys');
  }
  private get erasedSubjectDocs() {
    return this.db.collection<ErasedSubjectDoc>('erased_subjects');
  }

  async keyFor(subject: string): Promise<DataKey> {
    this.indexed ??= this.dataKeys.createIndex({ subject: 1 }, { unique: true });
    await this.indexed;
    const found = await this.dataKeys.findOne({ subject });
    if (found) return { keyId: found._id, key: Buffer.from(found.key.buffer) };
    const fresh = {
      _id: newKeyId(this.random),
      subject,
      key: new Binary(newDataKey(this.random)),
    };
    await this.dataKeys.updateOne(
      { subject },
      { $setOnInsert: { ...fresh, createdAt: new Date().toISOString() } },
      { upsert: true },
    );
    const stored = await this.dataKeys.findOne({ subject });
    if (!stored) throw new Error(`no data key for ${subject}`);
    return { keyId: stored._id, key: Buffer.from(stored.key.buffer) };
  }

  async keys(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const docs = await this.dataKeys.find({ _id: { $in: [...keyIds] } }).toArray();
    return new Map(docs.map((d) => [d._id, Buffer.from(d.key.buffer)]));
  }

  async keyIdsOf(subject: string): Promise<string[]> {
    const docs = await this.dataKeys.find({ subject }, { projection: { _id: 1 } }).toArray();
    return docs.map((d) => d._id);
  }

  async destroy(subject: string, keyIds: readonly string[], erasedAt: string): Promise<void> {
    if (keyIds.length > 0) {
      await this.dataKeys.deleteMany({ _id: { $in: [...keyIds] } });
      await this.erasedKeys.bulkWrite(
        keyIds.map((keyId) => ({
          updateOne: {
            filter: { _id: keyId },
            update: { $setOnInsert: { subject, erasedAt } },
            upsert: true,
          },
        })),
      );
    }
    await this.erasedSubjectDocs.updateOne(
      { _id: subject },
      { $setOnInsert: { erasedAt } },
      { upsert: true },
    );
  }

  async erasedSubjects(subjects: readonly string[]): Promise<Set<string>> {
    const docs = await this.erasedSubjectDocs.find({ _id: { $in: [...subjects] } }).toArray();
    return new Set(docs.map((d) => d._id));
  }

  async erasureStamp(): Promise<number> {
    return this.erasedKeys.estimatedDocumentCount();
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

/** The key store in MONGODB_URI's database (or `fresh`), on a connection of its own. */
export async function openMongoKeyStore(uri: string, timeoutMs = 3_000): Promise<MongoKeyStore> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  await client.connect();
  const name = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'fresh';
  return new MongoKeyStore(client.db(name), () => client.close());
}
