import { ApiKey, keyHashOf, newApiKey, Role } from './access-store.port';
import { ServiceDatabase } from './service-database';

interface KeyRow {
  id: string;
  name: string | null;
  role: Role;
  partner_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

const toKey = (row: KeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  role: row.role,
  partnerId: row.partner_id,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** API keys in service.db's `api_keys` table (the embedded access store's half for keys). */
export class ApiKeys {
  private readonly byHash;
  private readonly insertRow;

  constructor(private readonly database: ServiceDatabase) {
    this.byHash = database.db.prepare<[string], KeyRow>(
      'SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL',
    );
    this.insertRow = database.db.prepare(
      `INSERT INTO api_keys (id, name, role, partner_id, key_hash, created_at)
       VALUES (@id, @name, @role, @partner_id, @key_hash, @created_at)`,
    );
  }

  create(
    role: Role,
    options: { partnerId?: string; name?: string },
    now: Date,
  ): { key: ApiKey; secret: string } {
    const { key, secret, keyHash } = newApiKey(role, options, now);
    this.insert(key, keyHash);
    return { key, secret };
  }

  insert(key: ApiKey, keyHash: string): void {
    this.insertRow.run({
      id: key.id,
      name: key.name,
      role: key.role,
      partner_id: key.partnerId,
      key_hash: keyHash,
      created_at: key.createdAt,
    });
  }

  /** The active key with this secret, if any. */
  authenticate(secret: string): ApiKey | undefined {
    const row = this.byHash.get(keyHashOf(secret));
    return row && toKey(row);
  }

  list(): ApiKey[] {
    return this.database.db
      .prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
      .all()
      .map(toKey);
  }

  /** Revokes a key; false when there is no such active key. */
  revoke(id: string, now: Date): boolean {
    return (
      this.database.db
        .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(now.toISOString(), id).changes === 1
    );
  }
}
