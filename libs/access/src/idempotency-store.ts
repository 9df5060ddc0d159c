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

  constructor(database: ServiceDatabase) {
    this.select = database.db.prepare<
      [string, string],
      { fingerprint: string; status: number; body: string }
    >('SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?');
    this.insert = database.db.prepare(
      `INSERT INTO idempotency (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (scope, key) DO NOTHING`,
    );
  }

  find(scope: string, key: string): StoredAnswer | undefined {
    const row = this.select.get(scope, key);
    return row && { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) };
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
