import { ServiceDatabase } from './service-database';

/**
 * Roles only one process on a data dir may hold at a time (the notary, the audit index): a lease
 * per role in service.db, renewed by its holder while it runs and taken over by another process
 * once it lapses (its holder stopped, or was killed).
 */
export class Leases {
  private readonly take;
  private readonly drop;

  constructor(service: ServiceDatabase) {
    service.db.exec(`CREATE TABLE IF NOT EXISTS leases (
      name       TEXT PRIMARY KEY,
      holder     TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    this.take = service.db.prepare(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
    );
    this.drop = service.db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  }

  /** Takes or renews the lease on `name` until `nowMs + ttlMs`; whether `holder` holds it. */
  hold(name: string, holder: string, nowMs: number, ttlMs: number): boolean {
    return this.take.run(name, holder, nowMs + ttlMs, nowMs).changes > 0;
  }

  /** Gives the lease up, if `holder` holds it, so another process may take it at once. */
  release(name: string, holder: string): void {
    this.drop.run(name, holder);
  }
}
