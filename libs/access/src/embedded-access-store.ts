import { StoreUnavailableError } from '@fresh/event-store';
import { AccessStore, ApiKey, StoredAnswer } from './access-store.port';
import { ApiKeys } from './api-keys';
import { IdempotencyStore } from './idempotency-store';
import { ServiceDatabase } from './service-database';

/**
 * The access store in the data dir's `service.db` (SQLite): every process on that data dir shares
 * it, so it serves one host. A failure of the file (busy, full, I/O) is the store unavailable.
 */
export class EmbeddedAccessStore extends AccessStore {
  readonly keys: ApiKeys;
  readonly answers: IdempotencyStore;

  constructor(readonly service: ServiceDatabase) {
    super();
    this.keys = new ApiKeys(service);
    this.answers = new IdempotencyStore(service);
  }

  protected async insertKey(key: ApiKey, keyHash: string): Promise<void> {
    this.sqlite(() => this.keys.insert(key, keyHash));
  }
  async authenticate(secret: string): Promise<ApiKey | undefined> {
    return this.sqlite(() => this.keys.authenticate(secret));
  }
  async listKeys(): Promise<ApiKey[]> {
    return this.sqlite(() => this.keys.list());
  }
  async revokeKey(id: string, now: Date): Promise<boolean> {
    return this.sqlite(() => this.keys.revoke(id, now));
  }
  async findAnswer(scope: string, key: string, now: Date): Promise<StoredAnswer | undefined> {
    return this.sqlite(() => this.answers.find(scope, key, now));
  }
  async saveAnswer(scope: string, key: string, answer: StoredAnswer, now: Date): Promise<boolean> {
    return this.sqlite(() => this.answers.save(scope, key, answer, now));
  }
  async forgetAnswersHolding(values: readonly string[]): Promise<number> {
    return this.sqlite(() => this.answers.forgetAnswersHolding(values));
  }
  async close(): Promise<void> {
    this.service.close();
  }

  private sqlite<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (code.startsWith('SQLITE_') && !code.startsWith('SQLITE_CONSTRAINT'))
        throw new StoreUnavailableError(`access store ${this.service.dataDir}/service.db`, error);
      throw error;
    }
  }
}
