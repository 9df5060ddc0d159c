import { Command } from 'commander';
import { checkpoint, keygen, verify } from './audit-notary';
import { Cli, needsSubcommand } from './command-line';

/**
 * `fresh audit verify`: walks the hash chains of the whole log, and proves it extends a checkpoint
 * (given, or the notary's latest); exit code 1 when broken. `keygen` and `checkpoint` for the notary.
 */
export function auditCommand(cli: Cli): Command {
  const audit = new Command('audit').description(
    "check the event log's integrity; the notary's key and checkpoints",
  );
  audit
    .command('verify')
    .description(
      'walk the hash chains of the whole event log and, with a checkpoint (or the notary’s latest), prove the log extends it; print { intact, checked, firstBrokenAt?, tree? }; exit code 1 when broken',
    )
    .option(
      '--checkpoint <file>',
      'also prove that the log extends this checkpoint (saved from GET /api/v1/audit/checkpoints/latest or fresh audit checkpoint); without it, the notary’s latest',
    )
    .option('--key <file>', 'the notary public key (PEM) to check the checkpoint’s signature with')
    .action(async (options: { checkpoint?: string; key?: string }) =>
      cli.exit(await verify(cli, options)),
    );
  audit
    .command('keygen')
    .description(
      'make an Ed25519 notary key: the private key in FILE (outside the data dir; set FRESH_NOTARY_KEY to it), the public one in FILE.pub.pem',
    )
    .requiredOption('--out <file>', 'where to write the private key')
    .action(async (options: { out: string }) => cli.exit(await keygen(cli, options.out)));
  audit
    .command('checkpoint')
    .description(
      'print a checkpoint of the log as stored now { treeSize, rootHash, issuedAt, keyId, signature, publicKey }, signed with FRESH_NOTARY_KEY',
    )
    .action(async () => cli.exit(await checkpoint(cli)));
  return needsSubcommand(audit);
}
