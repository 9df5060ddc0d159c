import { createHash, randomBytes } from 'node:crypto';
import { ServiceDatabase } from './service-database';

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

/** Keys are 256 random bits, so one sha256 is a safe way to store them: only the hash is kept. */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export class ApiKeys {
  private readonly byHash;

  constructor(private readonly database: ServiceDatabase) {
    this.byHash = database.db.prepare<[string], KeyRow>(
      'SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL',
    );
  }

  create(
    role: Role,
    options: { partnerId?: string; name?: string },
    now: Date,
  ): { key: ApiKey; secret: string } {
    if (!ROLES.includes(role)) throw new RangeError(`role must be one of ${ROLES.join(', ')}`);
    if ((role === 'partner') !== Boolean(options.partnerId)) {
      throw new RangeError('a partner key needs --partner, and only a partner key may have one');
    }
    const id = `key_${randomBytes(6).toString('hex')}`;
    const secret = `fp_${randomBytes(32).toString('base64url')}`;
    const row: KeyRow = {
      id,
      name: options.name ?? null,
      role,
      partner_id: options.partnerId ?? null,
      created_at: now.toISOString(),
      revoked_at: null,
    };
    this.database.db
      .prepare(
        `INSERT INTO api_keys (id, name, role, partner_id, key_hash, created_at)
         VALUES (@id, @name, @role, @partner_id, @key_hash, @created_at)`,
      )
      .run({ ...row, key_hash: hashOf(secret) });
    return { key: toKey(row), secret };
  }

  /** The active key with this secret, if any. */
  authenticate(secret: string): ApiKey | undefined {
    const row = this.byHash.get(hashOf(secret));
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
