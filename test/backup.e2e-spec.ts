import { generateNotaryKey } from '@fresh/notary';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshAsync } from './support/fresh-async';
import { tempDataDir } from './support/harness';
import {
  Answered,
  Command,
  commandNo,
  readLog,
  send,
  until,
  vendorKey,
} from './support/idempotent-writes';
import { ServerProcess } from './support/server-process';

/** Service starts, a backup and a restore: room for a machine busy with other work. */
const BOUND_MS = 120_000;

describe('fresh backup under load, fresh restore', () => {
  it(
    'backs up while writers write, restores into an empty data dir, and the restored service holds every write acknowledged before the backup began',
    async () => {
      const dataDir = tempDataDir();
      const keys = mkdtempSync(join(tmpdir(), 'notary-key-'));
      const notary = generateNotaryKey();
      writeFileSync(join(keys, 'notary.key'), notary.privatePem, { mode: 0o600 });
      const env = {
        FRESH_NOTARY_KEY: join(keys, 'notary.key'),
        FRESH_CHECKPOINT_EVERY_EVENTS: '20',
      };
      const vendor = vendorKey(dataDir);
      const server = await ServerProcess.start(dataDir, env);
      const before = new Map<string, Answered>(); // acknowledged before the backup began
      const during: string[] = []; // acknowledged while it ran
      const later: Command[] = []; // acknowledged once it had begun: in the backup or not
      let phase: 'before' | 'during' | 'after' = 'before';
      let next = 0;
      let stopped = false;
      const writer = async () => {
        while (!stopped) {
          const command = commandNo(next++);
          const seen = phase;
          const answer = await send(server, vendor, command);
          if (answer.status === 409 && answer.body.code === 'CONCURRENCY_CONFLICT') continue;
          expect([command.key, answer.status]).toEqual([command.key, 201]);
          // Sent before the backup began and answered before it began: acknowledged before it.
          if (seen === 'before' && phase === 'before') before.set(command.key, answer);
          else later.push(command);
          if (phase === 'during') during.push(command.key);
        }
      };
      const backupDir = join(mkdtempSync(join(tmpdir(), 'fresh-backup-')), 'b');
      let backup;
      const writers = Array.from({ length: 6 }, writer);
      try {
        // Enough of a log for the notary to have issued checkpoints (every 20 events).
        await until(async () => {
          const health = (await (await fetch(`${server.url}/health`)).json()) as {
            notary: { treeSize?: number };
          };
          return (health.notary.treeSize ?? 0) >= 100;
        }, 'the notary to follow 100 events');
        phase = 'during';
        backup = await freshAsync(['backup', '--to', backupDir, '--json'], {
          ...env,
          FRESH_DATA_DIR: dataDir,
        });
        phase = 'after';
        const afterCount = next;
        await until(() => next > afterCount + 20, 'writes after the backup');
      } finally {
        stopped = true;
        await Promise.all(writers);
        await server.stop('SIGTERM');
      }
      expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });
      expect(during.length).toBeGreaterThan(0); // the writers did write while it copied
      const report = JSON.parse(backup.stdout);
      expect(report.manifest.files.map((f: { name: string }) => f.name)).toEqual([
        'read-models.db',
        'notary.db',
        'audit-index.db',
        'events.db',
        'service.db',
      ]);
      expect(report.unknownFiles).toEqual([]); // every file the service wrote is in the list
      expect(report.verification).toMatchObject({ intact: true, aheadOfLog: [] });
      expect(report.verification.checkpoint).toMatchObject({
        extendsCheckpoint: true,
        signature: 'valid',
      });
      expect(report.manifest.checkpoint.treeSize).toBeGreaterThanOrEqual(100);
      expect(report.manifest.log.events).toBeGreaterThanOrEqual(before.size);
      expect(report.notaryKey).toContain('not in the backup');
      expect(readdirSync(backupDir).sort()).toEqual([
        'audit-index.db',
        'events.db',
        'fresh-backup.json',
        'notary.db',
        'read-models.db',
        'service.db',
      ]);

      // The cached answers and the leases (released by now) stay behind; the keys go.
      const rows = (dir: string) => {
        const db = new Database(join(dir, 'service.db'), { readonly: true });
        const count = (table: string) =>
          (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        const counts = [count('idempotency'), count('leases'), count('api_keys')];
        db.close();
        return counts;
      };
      expect(rows(dataDir)[0]).toBeGreaterThanOrEqual(before.size);
      expect(rows(backupDir)).toEqual([0, 0, 1]);

      // Checked against another notary key, the copy's checkpoints do not verify: refused.
      const other = generateNotaryKey();
      writeFileSync(join(keys, 'other.key'), other.privatePem, { mode: 0o600 });
      const wrongKeyDir = join(tempDataDir(), 'restored');
      const wrongKey = await freshAsync(['restore', '--from', backupDir], {
        FRESH_DATA_DIR: wrongKeyDir,
        FRESH_NOTARY_KEY: join(keys, 'other.key'),
      });
      expect([wrongKey.status, wrongKey.stderr]).toEqual([
        1,
        `fresh restore: refused: the log does not extend the notary's latest checkpoint (tree size ${report.manifest.checkpoint.treeSize}): signature invalid; nothing was restored\n`,
      ]);
      expect(readdirSync(wrongKeyDir)).toEqual([]);

      const restoredDir = join(tempDataDir(), 'restored');
      const restore = await freshAsync(['restore', '--from', backupDir], {
        FRESH_DATA_DIR: restoredDir,
      });
      expect({ status: restore.status, stderr: restore.stderr }).toEqual({ status: 0, stderr: '' });
      expect(restore.stdout).toContain(
        `log: ${report.manifest.log.events} events, last position ${report.manifest.log.lastPosition}; every stream’s hash chain intact`,
      );

      // Every write acknowledged before the backup began is in the restored log, where it was.
      const log = await readLog(restoredDir);
      expect(log).toHaveLength(report.manifest.log.events);
      const at = new Map(log.map((e) => [`${e.streamId}@${e.revision}`, e]));
      for (const [key, answer] of before)
        for (const event of answer.body.events)
          expect([key, at.get(`${event.streamId}@${event.revision}`)?.position.toString()]).toEqual(
            [key, event.position],
          );

      const restored = await ServerProcess.start(restoredDir, env);
      try {
        // The cached answers were left out of the backup: a retry is answered from the log.
        const acknowledged = [...before.keys()].map((key) => Number(key.replace(/^\D+/, '')));
        for (let i = 0; i < acknowledged.length; i += 16) {
          await Promise.all(
            acknowledged.slice(i, i + 16).map(async (n) => {
              const command: Command = commandNo(n);
              const again = await send(restored, vendor, command);
              expect([command.key, again.status, again.replayed]).toEqual([
                command.key,
                201,
                'true',
              ]);
              expect(again.body).toEqual(before.get(command.key)!.body);
            }),
          );
        }
        const head = report.manifest.log.lastPosition;
        await until(async () => {
          const health = (await (await fetch(`${restored.url}/health`)).json()) as {
            projector: { position?: string };
            notary: { position?: string };
          };
          return health.projector.position === head && health.notary.position === head;
        }, 'the projector and the notary to reach the head of the restored log');
        // A write acknowledged once the backup had begun is in it or not, never half: retried, it
        // is answered from the restored log (replayed) only when its events are there.
        for (let i = 0; i < later.length; i += 16) {
          await Promise.all(
            later.slice(i, i + 16).map(async (command) => {
              const again = await send(restored, vendor, command);
              expect([command.key, again.status]).toEqual([command.key, 201]);
              const inBackup = again.body.events.every(
                (e: { streamId: string; revision: number; position: string }) =>
                  at.get(`${e.streamId}@${e.revision}`)?.position.toString() === e.position,
              );
              expect([command.key, again.replayed === 'true']).toEqual([command.key, inBackup]);
            }),
          );
        }
      } finally {
        await restored.stop('SIGTERM');
      }
      const verify = await freshAsync(['audit', 'verify'], { ...env, FRESH_DATA_DIR: restoredDir });
      expect(verify.status).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({
        intact: true,
        tree: { extendsCheckpoint: true },
      });
    },
    BOUND_MS,
  );
});
