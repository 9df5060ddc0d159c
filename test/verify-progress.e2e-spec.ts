import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

/** The server-sent events of one answer: each `event:` with its parsed `data:`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function eventsOf(text: string): { event: string; data: any }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)![1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)![1]);
      return { event, data };
    });
}

describe('a verify of the whole log, its progress told (POST /api/v1/audit/verify/progress)', () => {
  let api: Harness;
  let auditor: string;
  let events: number;

  beforeAll(async () => {
    api = await Harness.start();
    const programme = await seedProgramme(api);
    auditor = api.key('auditor');
    for (const id of ['C1', 'C2', 'C3'])
      await programme.ok('POST', '/api/v1/clients', programme.client(id), programme.p1);
    events = Number(await api.app.get(EventStore).headPosition());
  });

  afterAll(() => api.close());

  const post = (body: unknown, key = auditor) =>
    fetch(`${api.url}/api/v1/audit/verify/progress`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('streams the progress of the chains, then of the tree, then the result against the latest checkpoint', async () => {
    const latest = await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor });
    const answer = await post({});
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const told = eventsOf(await answer.text());
    const progress = told.filter((e) => e.event === 'progress').map((e) => e.data);
    expect(progress.map((p) => p.phase)).toEqual(['chains', 'tree']);
    for (const p of progress) {
      expect(p).toEqual({
        phase: p.phase,
        events,
        position: String(events),
        headPosition: String(events),
        fraction: 1,
      });
    }
    expect(told.at(-1)!.event).toBe('result');
    expect(told.at(-1)!.data).toMatchObject({
      checkpoint: { treeSize: latest.body.treeSize, rootHash: latest.body.rootHash },
      intact: true,
      chains: { intact: true, checked: events },
      tree: { extendsCheckpoint: true, now: { treeSize: events } },
    });
  });

  it('verifies against a checkpoint the auditor kept, and says when the log does not extend it', async () => {
    const kept = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor })).body;
    const forged = { ...kept, rootHash: '0'.repeat(64), signature: null, keyId: null };
    const told = eventsOf(await (await post({ checkpoint: forged })).text());
    expect(told.at(-1)).toMatchObject({
      event: 'result',
      data: {
        intact: false,
        chains: { intact: true },
        tree: { extendsCheckpoint: false, checkpoint: { rootHash: '0'.repeat(64) } },
      },
    });
  });

  it('refuses a malformed checkpoint and other roles before it starts, as problems', async () => {
    const bad = await post({ checkpoint: { treeSize: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await bad.json()).code).toBe('VALIDATION_FAILED');
    const denied = await post({}, api.key('analyst'));
    expect([denied.status, (await denied.json()).code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });

  it('keeps GET /audit/verify and POST /audit/verify/checkpoint answering as before, from the worker', async () => {
    const chains = await api.call('GET', '/api/v1/audit/verify', { key: auditor });
    expect(chains.body).toEqual({ intact: true, checked: events });
    const kept = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor })).body;
    const tree = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: kept,
    });
    expect(tree.body).toMatchObject({ extendsCheckpoint: true, signature: 'unsigned' });
  });
});
