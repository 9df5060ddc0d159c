import { StoreUnavailableError } from '@fresh/event-store';
import { isUnreachable } from '@fresh/read-models';
import type { Db, MongoClient } from 'mongodb';
import {
  AccessStore,
  ApiKey,
  IDEMPOTENCY_RETENTION_MS,
  jsonFragmentOf,
  keyHashOf,
  StoredAnswer,
} from './access-store.port';

export const API_KEYS = 'api_keys';
export const IDEMPOTENCY_ANSWERS = 'idempotency_answers';
const DUPLICATE_KEY = 11000;

interface KeyDoc {
  _id: string;
  keyHash: string;
  name: string | null;
  role: ApiKey['role'];
  partnerId: string | null;
  createdAt: string;
  revokedAt: string | null;
}
interface AnswerDoc {
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  /** The answer as JSON text, so that a forgotten subject's values can be found in it. */
  body: string;
  /** A BSON date: the TTL index expires the document IDEMPOTENCY_RETENTION_DAYS after it. */
  createdAt: Date;
}

const toKey = (doc: KeyDoc): ApiKey => ({
  id: doc._id,
  name: doc.name,
  role: doc.role,
  partnerId: doc.partnerId,
  createdAt: doc.createdAt,
  revokedAt: doc.revokedAt,
});

/** The indexes the access store needs: what the collections are asked for, in order. */
export const ACCESS_INDEXES = [
  { collection: API_KEYS, keys: { keyHash: 1 }, options: { unique: true, name: 'keyHash_unique' } },
  {
    collection: IDEMPOTENCY_ANSWERS,
    keys: { scope: 1, key: 1 },
    options: { unique: true, name: 'scope_key_unique' },
  },
  {
    collection: IDEMPOTENCY_ANSWERS,
    keys: { createdAt: 1 },
    options: { expireAfterSeconds: IDEMPOTENCY_RETENTION_MS / 1000, name: 'createdAt_ttl' },
  },
] as const;

/**
 * The access store on MongoDB (with FRESH_READ_STORE=mongo), shared by every API instance on any
 * host: `api_keys` (the key id as `_id`, a unique index on the key's sha256 — the secret itself is
 * never stored) and `idempotency_answers` (a unique index on the API key id and the
 * Idempotency-Key, and a TTL index that deletes an answer IDEMPOTENCY_RETENTION_DAYS after it was
 * recorded; reads ignore older ones at once, as MongoDB deletes them only once a minute). A driver
 * error that means the server cannot be reached becomes StoreUnavailableError.
 */
export class MongoAccessStore extends AccessStore {
  private indexed?: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly client?: MongoClient,
  ) {
    super();
  }

  private get keyDocs() {
    return this.db.collection<KeyDoc>(API_KEYS);
  }
  private get answerDocs() {
    return this.db.collection<AnswerDoc>(IDEMPOTENCY_ANSWERS);
  }

  /** Creates the indexes (once per process; creating an existing index changes nothing). */
  ensureIndexes(): Promise<void> {
    this.indexed ??= this.guard(async () => {
      for (const { collection, keys, options } of ACCESS_INDEXES)
        await this.db.collection(collection).createIndex({ ...keys }, { ...options });
    }).catch((error: unknown) => {
      this.indexed = undefined;
      throw error;
    });
    return this.indexed;
  }

  protected async insertKey(key: ApiKey, keyHash: string): Promise<void> {
    await this.ensureIndexes();
    await this.guard(() =>
      this.keyDocs.insertOne({
        _id: key.id,
        keyHash,
        name: key.name,
        role: key.role,
        partnerId: key.partnerId,
        createdAt: key.createdAt,
        revokedAt: key.revokedAt,
      }),
    );
  }

  async authenticate(secret: string): Promise<ApiKey | undefined> {
    const doc = await this.guard(() =>
      this.keyDocs.findOne({ keyHash: keyHashOf(secret), revokedAt: null }),
    );
    return doc ? toKey(doc) : undefined;
  }

  async listKeys(): Promise<ApiKey[]> {
    const docs = await this.guard(() =>
      this.keyDocs.find({}, { sort: { createdAt: 1, _id: 1 } }).toArray(),
    );
    return docs.map(toKey);
  }

  async revokeKey(id: string, now: Date): Promise<boolean> {
    const result = await this.guard(() =>
      this.keyDocs.updateOne(
        { _id: id, revokedAt: null },
        { $set: { revokedAt: now.toISOString() } },
      ),
    );
    return result.modifiedCount === 1;
  }

  async findAnswer(scope: string, key: string, now: Date): Promise<StoredAnswer | undefined> {
    const doc = await this.guard(() =>
      this.answerDocs.findOne({ scope, key, createdAt: { $gt: cutoff(now) } }),
    );
    return doc
      ? { fingerprint: doc.fingerprint, status: doc.status, body: JSON.parse(doc.body) }
      : undefined;
  }

  async saveAnswer(scope: string, key: string, answer: StoredAnswer, now: Date): Promise<boolean> {
    await this.ensureIndexes();
    const doc: AnswerDoc = {
      scope,
      key,
      fingerprint: answer.fingerprint,
      status: answer.status,
      body: JSON.stringify(answer.body),
      createdAt: now,
    };
    try {
      await this.guard(() => this.answerDocs.insertOne({ ...doc }));
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    // The key holds an answer: it stays, unless it is past the retention and not yet deleted.
    const replaced = await this.guard(() =>
      this.answerDocs.updateOne({ scope, key, createdAt: { $lte: cutoff(now) } }, { $set: doc }),
    );
    return replaced.modifiedCount === 1;
  }

  async forgetAnswersHolding(values: readonly string[]): Promise<number> {
    let forgotten = 0;
    for (const value of values) {
      const inJson = jsonFragmentOf(value);
      if (inJson === undefined) continue;
      const result = await this.guard(() =>
        this.answerDocs.deleteMany({ body: { $regex: escapeRegex(inJson) } }),
      );
      forgotten += result.deletedCount;
    }
    return forgotten;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  /** Runs driver calls, turning "cannot reach the server" into StoreUnavailableError. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw isUnreachable(error) ? new StoreUnavailableError('MongoDB access store', error) : error;
    }
  }
}

/** Answers recorded at or before this instant are past the retention. */
const cutoff = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The access store in MONGODB_URI's database (or `fresh`), on a connection of its own. */
export async function openMongoAccessStore(
  uri: string,
  timeoutMs = 3_000,
): Promise<MongoAccessStore> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    const name = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'fresh';
    const store = new MongoAccessStore(client.db(name), client);
    await store.ensureIndexes();
    return store;
  } catch (error) {
    await client.close();
    throw error;
  }
}
