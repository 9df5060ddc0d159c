import type { SubjectKind } from '@fresh/domain';
import { Command, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { Cli, needsSubcommand } from './command-line';
import { openStores } from './stores';
import { UsageError } from './usage-error';

interface SubjectOptions {
  client?: string;
  partner?: string;
}

/** `fresh privacy export|forget`: a data subject's access and erasure rights (152-ФЗ). */
export function privacyCommand(cli: Cli): Command {
  const privacy = new Command('privacy').description(
    'personal data: list what is held about a subject, or forget it (destroy its data key)',
  );
  subjectOptions(
    privacy
      .command('export')
      .description(
        'list every personal field held about a subject, decrypted, with the event holding it ' +
          '(«удалено» once forgotten)',
      ),
  )
    .option('--json', 'one JSON document, as GET /api/v1/privacy/subjects/{id} answers')
    .action((options: SubjectOptions & { json?: boolean }) => exportSubject(cli, options));
  subjectOptions(
    privacy
      .command('forget')
      .description(
        'forget a subject: record the erasure (who, when, why; no personal data) and destroy its data key',
      ),
  )
    .requiredOption('--reason <text>', 'why (recorded in the log: do not name the person)')
    .action((options: SubjectOptions & { reason: string }) => forget(cli, options));
  return needsSubcommand(privacy);
}

const subjectOptions = (command: Command) =>
  command
    .addOption(new Option('--client <id>', 'a client: its name and INN when the INN has 12 digits'))
    .addOption(
      new Option(
        '--partner <id>',
        'a partner: its CSK responsible employee and free-text notes',
      ).conflicts('client'),
    );

function subjectFrom(options: SubjectOptions): { kind: SubjectKind; id: string } {
  if (options.client) return { kind: 'client', id: options.client };
  if (options.partner) return { kind: 'partner', id: options.partner };
  throw new UsageError('name the subject with --client <id> or --partner <id>');
}

async function exportSubject(cli: Cli, options: SubjectOptions & { json?: boolean }) {
  const { kind, id } = subjectFrom(options);
  const [{ subjectOf, ERASED }, { personalDataOf }] = await Promise.all([
    import('@fresh/domain'),
    import('@fresh/privacy'),
  ]);
  const stores = await openStores(cli.dataDir);
  try {
    const record = await personalDataOf(stores.privacy, subjectOf(kind, id));
    if (!record) return notFound(cli, kind, id);
    if (options.json)
      return cli.out(JSON.stringify({ subjectId: id, subjects: [record] }, null, 2));
    cli.out(
      `${kind} ${id}: ${record.fields.length} personal field(s)${record.erased ? ', forgotten' : ''}`,
    );
    for (const { field, value, event } of record.fields) {
      const shown = value === ERASED ? '«удалено»' : JSON.stringify(value);
      cli.out(
        `  ${field}\t${shown}\t${event.type} ${event.streamId}@${event.revision} (position ${event.position}, recorded ${event.recordedAt})`,
      );
    }
  } finally {
    await stores.close();
  }
}

async function forget(cli: Cli, options: SubjectOptions & { reason: string }) {
  const { kind, id } = subjectFrom(options);
  if (options.reason.trim() === '') throw new UsageError('--reason must not be empty');
  const [{ subjectOf }, { forgetSubject }, { moscowDate }] = await Promise.all([
    import('@fresh/domain'),
    import('@fresh/privacy'),
    import('@fresh/commands'),
  ]);
  const stores = await openStores(cli.dataDir);
  try {
    const now = new Date();
    const commandId = randomUUID();
    const erasure = await forgetSubject(stores.privacy, subjectOf(kind, id), {
      reason: options.reason,
      erasedOn: moscowDate(now),
      metadata: {
        eventId: randomUUID(),
        correlationId: commandId,
        causationId: commandId,
        actor: { keyId: 'cli', role: 'operator' },
        recordedAt: now.toISOString(),
        command: {
          type: 'EraseSubject',
          route: 'fresh privacy forget',
          receivedAt: now.toISOString(),
        },
      },
    });
    if (!erasure) return notFound(cli, kind, id);
    await stores.access.forgetAnswersHolding(erasure.values);
    const { fields, keyIds } = erasure.event.data as { fields: string[]; keyIds: string[] };
    cli.out(
      `forgot ${kind} ${id}: fields ${fields.join(', ') || 'none'}; ${keyIds.length} data key(s) destroyed; erasure recorded at position ${erasure.event.position}`,
    );
    cli.out('the read models show it erased once the service’s projector reaches that position');
  } finally {
    await stores.close();
  }
}

function notFound(cli: Cli, kind: SubjectKind, id: string): void {
  cli.err(`no ${kind} ${id} on record`);
  cli.exit(1);
}
