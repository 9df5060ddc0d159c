import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { newDataKey, Randomness } from './field-cipher';
import { DataKey, KeyStore } from './key-store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS data_keys (
    key_id     TEXT PRIMARY KEY,
    subject    TEXT NOT NULL UNIQUE,
    key        BLOB NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS erased_keys (
    key_id    TEXT PRIMARY KEY,
    subject   TEXT NOT NULL,
    erased_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS erased_subjects (
    subject   TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL
  );
`;

export const newKeyId = (random: Randomness) => `dk_${random(8).toString('hex')}`;

/**
 * The embedded key store: tables in `service.db` (next to API keys). `secure_delete` overwrites a
 * destroyed key's bytes in the file, and each destruction ends with a WAL checkpoint that
 * truncates the WAL, so no copy of the key stays in the data dir.
 */
export class EmbeddedKeyStore extends KeyStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly file: string) {
    super();
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.statements = {
      bySubject: this.db.prepare<[string], { key_id: string; key: Buffer }>(
        'SELECT key_id, key FROM data_keys WHERE subject = ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO data_keys (key_id, subject, key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO NOTHING',
      ),
      byId: this.db.prepare<[string], { key: Buffer }>(
        'SELECT key FROM data_keys WHERE key_id = ?',
      ),
      erasedSubjects: this.db.prepare<[string], { subject: string }>(
        'SELECT subject FROM erased_subjects WHERE subject IN (SELECT value FROM json_each(?))',
      ),
      stamp: this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM erased_keys'),
    };
  }

  async keyFor(subject: string): Promise<DataKey> {
    let row = this.statements.bySubject.get(subject);
    if (!row) {
      const [keyId, key] = [newKeyId(this.random), newDataKey(this.random)];
      this.statements.insert.run(keyId, subject, key, new Date().toISOString());
      row = this.statements.bySubject.get(subject)!;
    }
    return { keyId: row.key_id, key: row.key };
  }

  async keys(keyIds: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    for (const keyId of keyIds) {
      const row = this.statements.byId.get(keyId);
      if (row) found.set(keyId, row.key);
    }
    return found;
  }

  async keyIdsOf(subject: string): Promise<string[]> {
    const row = this.statements.bySubject.get(subject);
    return row ? [row.key_id] : [];
  }

  async destroy(subject: string, keyIds: readonly string[], erasedAt: string): Promise<void> {
    this.db.transaction(() => {
      const remove = this.db.prepare('DELETE FROM data_keys WHERE key_id = ?');
      const remember = this.db.prepare(
        'INSERT OR IGNORE INTO erased_keys (key_id, subject, erased_at) VALUES (?, ?, ?)',
      );
      for (const keyId of keyIds) {
        remove.run(keyId);
        remember.run(keyId, subject, erasedAt);
      }
      this.db
        .prepare('INSERT OR IGNORE INTO erased_subjects (subject, erased_at) VALUES (?, ?)')
        .run(subject, erasedAt);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async erasedSubjects(subjects: readonly string[]): Promise<Set<string>> {
    const rows = this.statements.erasedSubjects.all(JSON.stringify(subjects));
    return new Set(rows.map((r) => r.subject));
  }

  async erasureStamp(): Promise<number> {
    return this.statements.stamp.get()!.n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
