import { SqliteEventStore } from '@fresh/event-store';
import { EmbeddedReadStore } from '@fresh/read-models';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import { fresh, ServerProcess } from './support/server-process';

const metadataOf = (id: string) => ({
  eventId: `e-${id}`,
  correlationId: id,
  causationId: id,
  actor: { keyId: 'key_test', role: 'vendor' },
  businessDate: '2014-12-01',
  recordedAt: '2014-12-01T09:00:00.000Z',
  command: {
    type: 'RegisterPartner',
    route: 'POST /api/v1/partners',
    receivedAt: '2014-12-01T09:00:00.000Z',
  },
});

describe('a crash in the middle of projecting', () => {
  it('leaves read models that, after a restart, equal a clean replay’s', async () => {
    const dataDir = tempDataDir();
    const positions = async () => {
      const events = new SqliteEventStore(join(dataDir, 'events.db'));
      const reads = new EmbeddedReadStore(join(dataDir, 'read-models.db'));
      const head = (await events.headPosition()) ?? 0n;
      const checkpoint = (await reads.checkpoint(await reads.liveGeneration(), 'projector')) ?? 0n;
      await events.close();
      await reads.close();
      return { head, checkpoint };
    };

    // A log of 30 000 events the read models have not seen: the projector has work to do at start.
    const events = new SqliteEventStore(join(dataDir, 'events.db'));
    for (let batch = 0; batch < 30; batch++) {
      for (let i = 0; i < 1_000; i++) {
        const partnerId = `P${batch}-${i}`;
        await events.append(
          `partner-${partnerId}`,
          [
            {
              type: 'PartnerRegistered',
              schemaVersion: 1,
              data: { partnerId, name: `Партнёр ${i}`, country: 'RU', franchisee: true },
              metadata: metadataOf(partnerId),
            },
          ],
          'no_stream',
        );
      }
    }
    await events.close();

    // Killed with SIGKILL as soon as it answers: the projector is still catching up.
    const first = await ServerProcess.start(dataDir);
    await first.killHard();
    const { head, checkpoint } = await positions();
    expect(head).toBe(30_000n);
    expect(checkpoint).toBeLessThan(head);

    const server = await ServerProcess.start(dataDir);
    try {
      for (const until = Date.now() + 15_000; ;) {
        const health = (await (await fetch(`${server.url}/health`)).json()) as {
          projector: { position?: string };
        };
        if (health.projector.position === head.toString()) break;
        if (Date.now() > until)
          throw new Error(`projector did not catch up: ${JSON.stringify(health.projector)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const output = fresh(['replay'], dataDir);
      expect(output).toContain(`replayed the log to position ${head} in`);
      expect(output).toContain('read models identical to the previous generation');
      const checksums = [...output.matchAll(/checksum ([0-9a-f]{64})/g)].map((m) => m[1]);
      expect(checksums).toHaveLength(2);
      expect(checksums[0]).toBe(checksums[1]);
    } finally {
      await server.killHard();
    }
  }, 120_000);
});
