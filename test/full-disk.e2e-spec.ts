import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A small tmpfs of our own, or why this machine does not allow one. */
function mountTmpfs(size: string): { dir: string } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const said = String((error as { stderr?: Buffer }).stderr ?? error).trim();
    return { reason: `mount -t tmpfs is not allowed here: ${said.split('\n')[0]}` };
  }
}

function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'pipe' });
  rmSync(dir, { recursive: true, force: true });
}

/** Takes every free byte of the file system `dir` is on; the file that holds them. */
function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  try {
    for (const chunk of [1 << 16, 1 << 12, 1 << 9, 1]) {
      const bytes = Buffer.alloc(chunk, 1);
      for (;;) {
        try {
          if (writeSync(fd, bytes) < chunk) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

const events = mountTmpfs('8m');
const cache = 'dir' in events ? mountTmpfs('1m') : events;
const mounted = 'dir' in events && 'dir' in cache;
if ('dir' in events && !mounted) unmount(events.dir);

(mounted ? describe : describe.skip)(
  mounted
    ? 'a full disk (two small tmpfs: the log, and service.db)'
    : `a full disk: skipped, ${'reason' in cache ? cache.reason : ''}`,
  () => {
    const logDir = (events as { dir: string }).dir;
    const cacheDir = (cache as { dir: string }).dir;
    const dataDir = join(logDir, 'data');
    let server: ServerProcess | undefined;
    let vendor: string;

    beforeAll(async () => {
      // service.db lives on a file system of its own, so that it can be full while the log is not.
      vendor = vendorKey(cacheDir);
      mkdirSync(dataDir);
      symlinkSync(join(cacheDir, 'service.db'), join(dataDir, 'service.db'));
      server = await ServerProcess.start(dataDir);
    }, 120_000);
    afterAll(async () => {
      await server?.killHard();
      unmount(logDir);
      unmount(cacheDir);
    });

    const health = async () => {
      const response = await fetch(`${server!.url}/health`);
      return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    it('answers a write whose events are recorded with its events, though its answer cannot be cached', async () => {
      const command = commandNo(0);
      const filler = fill(cacheDir);
      let answer: Answered;
      try {
        answer = await send(server!, vendor, command);
        expect([answer.status, answer.body.events?.[0]?.streamId]).toEqual([201, 'partner-P-0']);
        expect((await health()).status).toBe(200);
      } finally {
        rmSync(filler);
      }
      // The answer was never cached: the retry finds it in the events.
      const again = await send(server!, vendor, command);
      expect([again.status, again.replayed]).toEqual([201, 'true']);
      expect(again.body).toEqual(answer.body);
    });

    it('with the log full: /health says so and a write not recorded is 503; with room again, it records once', async () => {
      const answered = new Map<string, { command: Command; answer: Answered }>();
      const refused: Command[] = [];
      const filler = fill(logDir);
      try {
        const { status, body } = await health();
        expect([status, body.ready, body.stores.eventStore]).toEqual([503, false, 'full']);
        // SQLite may still fit a few appends in pages it holds: those are recorded and answered.
        for (let i = 1; i <= 200 && refused.length === 0; i++) {
          const command = commandNo(i * 4);
          const response = await fetch(`${server!.url}${command.path}`, {
            method: command.method,
            headers: {
              authorization: `Bearer ${vendor}`,
              'content-type': 'application/json',
              'idempotency-key': command.key,
            },
            body: JSON.stringify(command.body),
          });
          const answer = (await response.json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
          if (response.status === 201) {
            answered.set(command.key, {
              command,
              answer: { status: 201, replayed: null, body: answer },
            });
            continue;
          }
          expect([response.status, answer.code]).toEqual([503, 'STORE_UNAVAILABLE']);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          refused.push(command);
        }
        expect(refused).toHaveLength(1);
      } finally {
        rmSync(filler);
      }

      await until(async () => (await health()).status === 200, '/health to answer 200');
      for (const command of refused) {
        const answer = await send(server!, vendor, command);
        expect([answer.status, answer.replayed]).toEqual([201, null]);
        answered.set(command.key, { command, answer });
      }
      for (const { command, answer } of answered.values()) {
        const again = await send(server!, vendor, command);
        expect([command.key, again.status, again.replayed]).toEqual([command.key, 201, 'true']);
        expect(again.body).toEqual(answer.body);
      }
      const log = await readLog(dataDir);
      const recordings = recordingsByKey(log.filter((e) => e.streamId !== 'partner-P-0'));
      expect(recordings.size).toBe(answered.size);
      expect([...recordings.values()].filter((e) => e.length !== 1)).toEqual([]);
    });
  },
);
