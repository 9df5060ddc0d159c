import { SqliteEventStore } from '@fresh/event-store';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import { RawConnection } from './support/raw-http';
import { fresh, ServerProcess } from './support/server-process';

const WORKERS = 8;

describe('stopping on a signal', () => {
  it('SIGTERM under load: every answered write is in the log after a restart; exit 0 with one line', async () => {
    const dataDir = tempDataDir();
    const key = fresh(['keys', 'create', '--role', 'vendor'], dataDir).trim().split('\n').at(-1)!;
    const server = await ServerProcess.start(dataDir, { FRESH_LOG_LEVEL: 'info' });
    const acknowledged: string[] = [];
    const refusals: { status: number; type: string | null; code?: string }[] = [];
    let signalled = false;
    let afterSignal = 0;

    // Each worker registers partners one after another until the service stops answering.
    const worker = async (w: number) => {
      for (let i = 0; ; i++) {
        const partnerId = `P-${w}-${i}`;
        let answer: Response;
        try {
          answer = await fetch(`${server.url}/api/v1/partners`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              partnerId,
              name: `Партнёр ${i}`,
              country: 'RU',
              franchisee: true,
            }),
          });
        } catch {
          return; // refused or reset: the service no longer accepts; this request was not answered
        }
        if (answer.status === 201) {
          acknowledged.push(partnerId);
          if (signalled) afterSignal++;
        } else {
          const type = answer.headers.get('content-type');
          refusals.push({
            status: answer.status,
            type,
            code: ((await answer.json()) as { code?: string }).code,
          });
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    for (const until = Date.now() + 15_000; acknowledged.length < 50;) {
      if (Date.now() > until) throw new Error('the load never got going');
      await new Promise((r) => setTimeout(r, 10));
    }
    signalled = true;
    const exit = await server.stop('SIGTERM');
    await load;

    expect(exit).toEqual({ code: 0, signal: null });
    const stopped = server.output.split('\n').filter((line) => line.includes('stopped on SIGTERM'));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(
      /every request in flight answered, projector checkpoint \d+, stores closed/,
    );
    expect(refusals).toEqual([]);

    // The log holds every acknowledged write; a restarted service serves each of them.
    const store = new SqliteEventStore(join(dataDir, 'events.db'));
    for (const partnerId of acknowledged) {
      expect((await store.readStream(`partner-${partnerId}`)).map((e) => e.type)).toEqual([
        'PartnerRegistered',
      ]);
    }
    await store.close();
    const again = await ServerProcess.start(dataDir);
    try {
      const last = acknowledged.at(-1)!;
      let status = 0;
      for (const until = Date.now() + 15_000; status !== 200 && Date.now() < until;) {
        const r = await fetch(`${again.url}/api/v1/partners/${last}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        status = r.status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    } finally {
      await again.killHard();
    }
    // Informational: how many writes were answered between the signal and the exit.
    process.stdout.write(`acknowledged ${acknowledged.length}, ${afterSignal} after SIGTERM\n`);
  }, 90_000);

  it('SIGINT on an idle service: exit 0 with one line', async () => {
    const server = await ServerProcess.start(tempDataDir(), { FRESH_LOG_LEVEL: 'info' });
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(server.output).toMatch(/stopped on SIGINT in \d+ ms/);
  }, 30_000);

  it('a request that does not finish within the grace period: exit 1 with a line', async () => {
    const server = await ServerProcess.start(tempDataDir(), {
      FRESH_LOG_LEVEL: 'info',
      FRESH_SHUTDOWN_GRACE_MS: '1000',
      FRESH_REQUEST_TIMEOUT_MS: '120000',
    });
    const crawler = new RawConnection(server.url);
    try {
      await crawler.write(
        'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\nExpect: 100-continue\r\n\r\n',
      );
      await crawler.until(/100 Continue/, 10_000); // the request is in flight
      await crawler.write('{');
      expect(await server.stop('SIGTERM')).toEqual({ code: 1, signal: null });
      expect(server.output).toMatch(/SIGTERM: not stopped within 1000 ms; exiting with 1/);
    } finally {
      crawler.destroy();
    }
  }, 30_000);
});
