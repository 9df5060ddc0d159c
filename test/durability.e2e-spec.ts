import { SqliteEventStore } from '@fresh/event-store';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import { fresh, ServerProcess } from './support/server-process';

describe('durability of the embedded store', () => {
  it('loses no acknowledged write when the process is killed with SIGKILL right after', async () => {
    const dataDir = tempDataDir();
    const key = fresh(['keys', 'create', '--role', 'vendor'], dataDir).trim().split('\n').at(-1)!;
    let server = await ServerProcess.start(dataDir);
    const register = (i: number) =>
      fetch(`${server.url}/api/v1/partners`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': `reg-${i}`,
        },
        body: JSON.stringify({
          partnerId: `P${i}`,
          name: `Партнёр ${i}`,
          country: 'RU',
          franchisee: true,
        }),
      });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => register(i)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const acknowledged = await Promise.all(answers.map((a) => a.json()));
    await server.killHard();

    const store = new SqliteEventStore(join(dataDir, 'events.db'));
    for (let i = 0; i < 50; i++) {
      expect((await store.readStream(`partner-P${i}`)).map((e) => e.type)).toEqual([
        'PartnerRegistered',
      ]);
    }
    await store.close();

    server = await ServerProcess.start(dataDir);
    try {
      const replay = await register(7);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await replay.json()).toEqual(acknowledged[7]);
    } finally {
      await server.killHard();
    }
  }, 60_000);
});
