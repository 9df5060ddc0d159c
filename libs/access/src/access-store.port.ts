import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['vendor', 'partner', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  id: string;
  name: string | null;
  role: Role;
  partnerId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** The first answer to an (API key, Idempotency-Key): what the request was, and what it got. */
export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * How long an idempotency answer is kept. The answers are a cache: the key is also recorded with
 * the command's events, which answer a retry on the same stream for ever; what the cache adds
 * (a retry answered without running the command, a key reused on another stream refused) holds
 * for a week, long past any client's retries.
 */
export const IDEMPOTENCY_RETENTION_DAYS = 7;
export const IDEMPOTENCY_RETENTION_MS = IDEMPOTENCY_RETENTION_DAYS * 86_400_000;

/** Whether an answer recorded at `recordedAt` is still kept at `now`. */
export const answerIsKept = (recordedAt: Date, now: Date): boolean =>
  now.getTime() - recordedAt.getTime() < IDEMPOTENCY_RETENTION_MS;

/** Keys are 256 random bits, so one sha256 is a safe way to store them: only the hash is kept. */
export const keyHashOf = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

/** A new key: its record, its secret (shown once) and the hash that is stored instead. */
export function newApiKey(
  role: Role,
  options: { partnerId?: string; name?: string },
  now: Date,
): { key: ApiKey; secret: string; keyHash: string } {
  if (!ROLES.includes(role)) throw new RangeError(`role must be one of ${ROLES.join(', ')}`);
  if ((role === 'partner') !== Boolean(options.partnerId)) {
    throw new RangeError('a partner key needs --partner, and only a partner key may have one');
  }
  const secret = `fp_${randomBytes(32).toString('base64url')}`;
  const key: ApiKey = {
    id: `key_${randomBytes(6).toString('hex')}`,
    name: options.name ?? null,
    role,
    partnerId: options.partnerId ?? null,
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  return { key, secret, keyHash: keyHashOf(secret) };
}

/**
 * Who may call the service, and the answers it gave to keyed retries: API keys (only their hash
 * is kept) and idempotency answers. Embedded in `service.db`, or in MongoDB so that instances on
 * several hosts share them. A store that cannot be reached throws StoreUnavailableError (503).
 */
export abstract class AccessStore {
  /** Makes a key; its secret is answered once and never stored. RangeError for a wrong request. */
  async createKey(
    role: Role,
    options: { partnerId?: string; name?: string },
    now: Date,
  ): Promise<{ key: ApiKey; secret: string }> {
    const { key, secret, keyHash } = newApiKey(role, options, now);
    await this.insertKey(key, keyHash);
    return { key, secret };
  }
  protected abstract insertKey(key: ApiKey, keyHash: string): Promise<void>;
  /** The active key with this secret, if any. */
  abstract authenticate(secret: string): Promise<ApiKey | undefined>;
  /** Every key, revoked ones too, oldest first. */
  abstract listKeys(): Promise<ApiKey[]>;
  /** Revokes a key; false when there is no such active key. */
  abstract revokeKey(id: string, now: Date): Promise<boolean>;

  /** The answer recorded for this key in this scope (the API key id), unless older than the retention. */
  abstract findAnswer(scope: string, key: string, now: Date): Promise<StoredAnswer | undefined>;
  /**
   * Records the first answer for this key in this scope: whether this one was recorded. A key
   * already holding an answer keeps it (of two at once, one wins), whatever this one says.
   */
  abstract saveAnswer(
    scope: string,
    key: string,
    answer: StoredAnswer,
    now: Date,
  ): Promise<boolean>;
  /**
   * Forgets every stored answer holding one of these values (a forgotten subject's personal
   * data): a retry with its key then runs again. How many were forgotten.
   */
  abstract forgetAnswersHolding(values: readonly string[]): Promise<number>;

  abstract close(): Promise<void>;
}

/** A value as it appears inside an answer's JSON; too short to tell apart: none. */
export function jsonFragmentOf(value: string): string | undefined {
  const inJson = JSON.stringify(value).slice(1, -1);
  return inJson.length < 2 ? undefined : inJson;
}
