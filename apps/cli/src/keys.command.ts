import { AccessStore, Role, ROLES } from '@fresh/access';
import { Command, Option } from 'commander';
import { Cli, needsSubcommand } from './command-line';
import { openAccessStore } from './stores';
import { UsageError } from './usage-error';

/**
 * `fresh keys create|list|revoke`: API keys, stored hashed in the access store the service uses
 * (the data dir's service.db, or MongoDB with FRESH_READ_STORE=mongo).
 */
export function keysCommand(cli: Cli): Command {
  const keys = new Command('keys').description('create, list and revoke API keys');
  keys
    .command('create')
    .description('create an API key; the key is printed once, alone on the last line')
    .addOption(
      new Option('--role <role>', 'who the key acts as').choices(ROLES).makeOptionMandatory(),
    )
    .option('--partner <id>', 'the partner a partner key acts for (partner keys only, required)')
    .option('--name <name>', 'a name to recognise the key by')
    .action((options: { role: Role; partner?: string; name?: string }) =>
      withKeys(cli, async (access) => {
        const { key, secret } = await create(access, options);
        cli.out(
          `created ${key.id}: role ${key.role}${key.partnerId ? `, partner ${key.partnerId}` : ''}${key.name ? `, "${key.name}"` : ''}`,
        );
        cli.out('the key is shown once; keep it secret:');
        cli.out(secret);
      }),
    );
  keys
    .command('list')
    .description(
      'list the keys, tab-separated: id, role, partner, name, created, state (never a secret)',
    )
    .action(() =>
      withKeys(cli, async (access) => {
        const list = await access.listKeys();
        if (list.length === 0) cli.out('no keys');
        for (const k of list) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          cli.out([k.id, k.role, k.partnerId ?? '-', k.name ?? '-', k.createdAt, state].join('\t'));
        }
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key: requests with it are refused with 401 from then on')
    .argument('<id>', 'the key id, as `fresh keys list` shows it (key_…)')
    .action((id: string) =>
      withKeys(cli, async (access) => {
        if (!(await access.revokeKey(id, new Date()))) {
          cli.err(`no active key ${id}`);
          cli.exit(1);
          return;
        }
        cli.out(`revoked ${id}`);
      }),
    );
  return needsSubcommand(keys);
}

async function withKeys(cli: Cli, use: (access: AccessStore) => Promise<void>): Promise<void> {
  const access = await openAccessStore(cli.dataDir);
  try {
    await use(access);
  } finally {
    await access.close();
  }
}

async function create(
  access: AccessStore,
  options: { role: Role; partner?: string; name?: string },
) {
  try {
    return await access.createKey(
      options.role,
      { partnerId: options.partner, name: options.name },
      new Date(),
    );
  } catch (error) {
    // The key store's own checks on what was asked (a partner key without --partner, …).
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}
