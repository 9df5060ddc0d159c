import { ApiKeys, Role, ROLES, ServiceDatabase } from '@fresh/access';
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

const USAGE = `fresh keys create --role ROLE [--partner ID] [--name NAME]
fresh keys list
fresh keys revoke ID

ROLE is one of ${ROLES.join(', ')}; a partner key names its partner.`;

/** `fresh keys …`: API keys, stored hashed in the data dir; a new key is printed alone on the last line. */
export function keysCommand(
  args: string[],
  dataDir: string,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  const [action, ...rest] = args;
  const database = new ServiceDatabase(dataDir);
  try {
    const keys = new ApiKeys(database);
    switch (action) {
      case 'create': {
        const { values } = parseArgs({
          args: rest,
          options: {
            role: { type: 'string' },
            partner: { type: 'string' },
            name: { type: 'string' },
          },
        });
        if (!values.role || !ROLES.includes(values.role as Role))
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const { key, secret } = keys.create(
          values.role as Role,
          { partnerId: values.partner, name: values.name },
          new Date(),
        );
        out(
          `created ${key.id}: role ${key.role}${key.partnerId ? `, partner ${key.partnerId}` : ''}${key.name ? `, "${key.name}"` : ''}`,
        );
        out('the key is shown once; keep it secret:');
        out(secret);
        return 0;
      }
      case 'list': {
        const list = keys.list();
        if (list.length === 0) out('no keys');
        for (const k of list) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          out([k.id, k.role, k.partnerId ?? '-', k.name ?? '-', k.createdAt, state].join('\t'));
        }
        return 0;
      }
      case 'revoke': {
        const [id] = rest;
        if (!id) throw new UsageError('name the key id to revoke');
        if (!keys.revoke(id, new Date())) {
          err(`no active key ${id}`);
          return 1;
        }
        out(`revoked ${id}`);
        return 0;
      }
      default:
        throw new UsageError(action ? `unknown keys command: ${action}` : 'keys needs a command');
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof RangeError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    database.close();
  }
}
