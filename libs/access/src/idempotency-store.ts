import { ServiceDatabase } from './service-database';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The first answer to each (API key, Idempotency-Key), kept durably so it survives a restart. */
export class IdempotencyStore {
  private readonly select;
  private readonly insert;
  private readonly forget;

  constructor(private readonly database: ServiceDatabase) {
    this.select = database.db.prepare<
      [string, string],
      { fingerprint: string; status: number; body: string }
    >('SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?');
    this.insert = database.db.prepare(
      `INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (scope, key) DO NOTHING`,
    );
    this.forget = database.db.prepare('DELETE FROM idempotency WHERE instr(body, ?) > 0');
  }

  find(scope: string, key: string): StoredAnswer | undefined {
    const row = this.select.get(scope, key);
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
      const inJson = JSON.stringify(value).slice(1, -1);
      if (inJson.length < 2) continue; // too short to tell an answer holding it from any other
      forgotten += this.forget.run(inJson).changes;
    }
    this.database.db.pragma('wal_checkpoint(TRUNCATE)');
    return forgotten;
  }

  save(scope: string, key: string, answer: StoredAnswer, now: Date): void {
    this.insert.run(
      scope,
      key,
      answer.fingerprint,
      answer.status,
      JSON.stringify(answer.body),
      now.toISOString(),
    );
  }
}
