import { tempDataDir } from './support/harness';
import { fresh, ServerProcess } from './support/server-process';

const notaryOf = async (server: ServerProcess) =>
  ((await (await fetch(`${server.url}/health`)).json()) as { notary: { state: string } }).notary
    .state;

/**
 * Two service processes on one data dir, both following the log: one keeps the notary (and the
 * audit index), the other stands by and says so, answers the keeper's checkpoints from its file,
 * and takes over when the first is killed.
 */
describe('the notary on a data dir shared by two processes', () => {
  it('is kept by one process at a time, and taken over when its keeper dies', async () => {
    const dataDir = tempDataDir();
    const auditor = fresh(['keys', 'create', '--role', 'auditor'], dataDir)
      .trim()
      .split('\n')
      .at(-1)!;
    const first = await ServerProcess.start(dataDir);
    const second = await ServerProcess.start(dataDir);
    try {
      expect([await notaryOf(first), await notaryOf(second)]).toEqual(['running', 'standby']);
      const checkpoint = (server: ServerProcess) =>
        fetch(`${server.url}/api/v1/audit/checkpoints/latest`, {
          headers: { authorization: `Bearer ${auditor}` },
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      // The standby issues nothing: before the keeper's first checkpoint it has none to give.
      const standing = await checkpoint(second);
      expect([standing.status, standing.body.code]).toEqual([503, 'NOTARY_UNAVAILABLE']);
      expect(standing.body.detail).toContain('has issued no checkpoint yet');
      const issued = await checkpoint(first);
      expect(issued.status).toBe(200);
      // Then it answers the keeper's checkpoint, read from notary.db.
      expect(await checkpoint(second)).toEqual(issued);

      await first.killHard();
      // The lease lapses within 10 s of the last renewal; the standby renews every 3 s.
      for (const until = Date.now() + 30_000; (await notaryOf(second)) !== 'running';) {
        if (Date.now() > until) throw new Error('the standby did not take the notary over');
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await checkpoint(second)).status).toBe(200);
    } finally {
      await first.killHard(); // already ended, unless a check failed first
      await second.killHard();
    }
  }, 90_000);
});
