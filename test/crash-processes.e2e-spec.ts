import { tempDataDir } from './support/harness';
import { commandNo, readLog, recordingsByKey, send, vendorKey } from './support/idempotent-writes';
import { ServerProcess } from './support/server-process';

describe('Idempotency-Keys across API processes on one data dir', () => {
  it('two API processes on one data dir racing the same keys record each key once', async () => {
    const dataDir = tempDataDir();
    const vendor = vendorKey(dataDir);
    const first = await ServerProcess.start(dataDir);
    // The documented set-up: one process keeps the read models, the others only serve.
    process.env.FRESH_PROJECTOR = 'off';
    const second = await ServerProcess.start(dataDir).finally(() => {
      delete process.env.FRESH_PROJECTOR;
    });
    try {
      const commands = Array.from({ length: 20 }, (_, i) => commandNo(i < 10 ? i * 4 + 3 : i * 4));
      for (const command of commands) {
        const [a, b] = await Promise.all([
          send(first, vendor, command),
          send(second, vendor, command),
        ]);
        expect([command.key, a.status, b.status]).toEqual([command.key, 201, 201]);
        expect(b.body).toEqual(a.body);
        expect([a.replayed, b.replayed].sort()).toEqual([null, 'true']);
      }
    } finally {
      await Promise.all([first.killHard(), second.killHard()]);
    }
    const log = await readLog(dataDir);
    const recordings = recordingsByKey(log);
    expect(recordings.size).toBe(20);
    expect([...recordings.values()].map((events) => events.length)).toEqual(
      Array.from({ length: 20 }, () => 1),
    );
    expect(log.filter((e) => e.streamId === 'price-list')).toHaveLength(10);
  }, 60_000);
});
