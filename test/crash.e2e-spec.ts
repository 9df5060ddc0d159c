import { SqliteEventStore, verifyLog } from '@fresh/event-store';
import { replay } from '@fresh/read-models';
import { openStores } from '@fresh/stores';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import {
  Answered,
  Command,
  commandNo,
  readLog,
  recordingsByKey,
  send,
  until,
  vendorKey,
} from './support/idempotent-writes';
import { ServerProcess } from './support/server-process';

/** Eleven service starts of about 3 s of CPU each: room for a machine busy with other work. */
const BOUND_MS = 120_000;

describe('crash safety of Idempotency-Keys (real processes, SIGKILL)', () => {
  it(
    'after kill -9 at random under concurrent writers, loses no acknowledged write and records every retried command once',
    async () => {
      const dataDir = tempDataDir();
      const vendor = vendorKey(dataDir);
      const acknowledged = new Map<string, { command: Command; answer: Answered }>();
      let unanswered: Command[] = [];
      let next = 0;
      const CYCLES = 10;
      const WRITERS = 6;

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await ServerProcess.start(dataDir);
        // Every command the last crash left without an answer, retried with its key.
        for (const command of unanswered) {
          const answer = await send(server, vendor, command);
          expect([command.key, answer.status]).toEqual([command.key, 201]);
          acknowledged.set(command.key, { command, answer });
        }
        unanswered = [];

        let stopped = false;
        const answeredThisCycle = { count: 0 };
        const writer = async () => {
          while (!stopped) {
            const command = commandNo(next++);
            let answer: Answered;
            try {
              answer = await send(server, vendor, command);
            } catch {
              unanswered.push(command); // in flight when the process died
              return;
            }
            if (answer.status === 409 && answer.body.code === 'CONCURRENCY_CONFLICT') {
              unanswered.push(command); // nothing recorded; the partner system tries again later
              continue;
            }
            expect([command.key, answer.status]).toEqual([command.key, 201]);
            acknowledged.set(command.key, { command, answer });
            answeredThisCycle.count++;
          }
        };
        const writers = Array.from({ length: WRITERS }, writer);
        const killAfter = 5 + Math.floor(Math.random() * 30);
        await until(() => answeredThisCycle.count >= killAfter, `${killAfter} answers`);
        await server.killHard();
        stopped = true;
        await Promise.all(writers);
      }

      const server = await ServerProcess.start(dataDir);
      try {
        for (const command of unanswered) {
          const answer = await send(server, vendor, command);
          expect([command.key, answer.status]).toEqual([command.key, 201]);
          acknowledged.set(command.key, { command, answer });
        }
        // Every acknowledged command, sent again with its key, answers its first answer.
        const sample = [...acknowledged.values()];
        for (let i = 0; i < sample.length; i += 16) {
          await Promise.all(
            sample.slice(i, i + 16).map(async ({ command, answer }) => {
              const again = await send(server, vendor, command);
              expect([command.key, again.status, again.replayed]).toEqual([
                command.key,
                201,
                'true',
              ]);
              expect(again.body).toEqual(answer.body);
            }),
          );
        }
        // The read models catch up with the whole log.
        const head = (await readLog(dataDir)).at(-1)!.position.toString();
        await until(async () => {
          const health = (await (await fetch(`${server.url}/health`)).json()) as {
            projector: { position?: string };
          };
          return health.projector.position === head;
        }, 'the projector to reach the head of the log');
      } finally {
        await server.killHard();
      }

      const log = await readLog(dataDir);
      // 0 acknowledged writes lost: each answer's events are in the log, where the answer put them.
      const at = new Map(log.map((e) => [`${e.streamId}@${e.revision}`, e]));
      for (const { answer } of acknowledged.values()) {
        for (const event of answer.body.events) {
          const recorded = at.get(`${event.streamId}@${event.revision}`);
          expect([event.type, event.position]).toEqual([
            recorded?.type,
            recorded?.position.toString(),
          ]);
        }
      }
      // Each command recorded once: one event per key (each of these commands records one event).
      const recordings = recordingsByKey(log);
      expect(recordings.size).toBe(acknowledged.size);
      expect([...recordings.values()].filter((events) => events.length !== 1)).toEqual([]);
      expect(log).toHaveLength(acknowledged.size);
      expect(acknowledged.size).toBeGreaterThan(CYCLES * 10);

      const store = new SqliteEventStore(join(dataDir, 'events.db'));
      expect(await verifyLog(store).finally(() => store.close())).toMatchObject({ intact: true });
      // The read models built through the crashes equal those rebuilt from the log.
      const stores = await openStores({
        dataDir,
        eventStore: { kind: 'sqlite', synchronous: 'normal' },
        readStore: { kind: 'embedded' },
      });
      const rebuilt = await replay(stores.events, stores.reads).finally(() => stores.close());
      expect(rebuilt.switched).toBe(true);
      expect(rebuilt.after).toEqual(rebuilt.before);
      expect(rebuilt.after.documents).toBeGreaterThan(CYCLES * 5);
    },
    BOUND_MS,
  );
});
