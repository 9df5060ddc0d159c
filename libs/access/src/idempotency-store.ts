import { IDEMPOTENCY_RETENTION_MS, jsonFragmentOf, StoredAnswer } from './access-store.port';
import { ServiceDatabase } from './service-database';

/** Answers older than the retention are deleted at most this often (on a save). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The first answer to each (API key, Idempotency-Key) in service.db's `idempotency` table, kept
 * for IDEMPOTENCY_RETENTION_DAYS (the embedded access store's half for answers).
 */
export class IdempotencyStore {
  private readonly select;
  private readonly insert;
  private readonly forget;
  private readonly prune;
  private prunedAt = 0;

  constructor(private readonly database: ServiceDatabase) {
    this.select = database.db.prepare<
      [string, string, string],
      { fingerprint: string; status: number; body: string }
    >(
      'SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ? AND created_at > ?',
    );
    this.insert = database.db.prepare(
      `INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at)
       VALUES (@scope, @key, @fingerprint, @status, @body, @created_at)
       ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint,
         status = excluded.status, body = excluded.body, created_at = excluded.created_at
       WHERE idempotency.created_at <= @cutoff`,
    );
    this.forget = database.db.prepare('DELETE FROM idempotency WHERE instr(body, ?) > 0');
    this.prune = database.db.prepare('DELETE FROM idempotency WHERE created_at <= ?');
  }

  find(scope: string, key: string, now: Date): StoredAnswer | undefined {
    const row = this.select.get(scope, key, cutoff(now));
    return row && { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) };
  }

  /**
   * Forgets every stored answer that holds one of these values (a forgotten subject's personal
   * data), and empties the WAL so no copy stays in the file: the answer cannot be replayed any
   * more; the same key then runs the command again (which usually answers ALREADY_EXISTS).
   */
  forgetAnswersHolding(values: readonly string[]): number {
    let forgotten = 0;
    for (const value of values) {
      const inJson = jsonFragmentOf(value);
      if (inJson !== undefined) forgotten += this.forget.run(inJson).changes;
    }
    this.database.db.pragma('wal_checkpoint(TRUNCATE)');
    return forgotten;
  }

  /** Records the first answer for the key (or replaces one past the retention); whether it did. */
  save(scope: string, key: string, answer: StoredAnswer, now: Date): boolean {
    if (now.getTime() - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prune.run(cutoff(now));
      this.prunedAt = now.getTime();
    }
    const { changes } = this.insert.run({
      scope,
      key,
      fingerprint: answer.fingerprint,
      status: answer.status,
      body: JSON.stringify(answer.body),
      created_at: now.toISOString(),
      cutoff: cutoff(now),
    });
    return changes === 1;
  }
}

/** Answers recorded at or before this instant are past the retention. */
const cutoff = (now: Date) => new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString();
