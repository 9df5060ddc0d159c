import { ReadStore, replay } from '@fresh/read-models';
import { PersonalDataStore } from '@fresh/privacy';
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, tempDataDir } from './support/harness';
import { seedProgramme } from './support/programme';
import { fresh, freshRun } from './support/server-process';

/** A person: an individual entrepreneur, with a 12-digit INN. */
const PERSON = { name: 'ИП Смирнова Анна Викторовна', inn: '770123456703' };

/** The data dir's files (recursively) whose bytes hold `text`. */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile() && readFileSync(file).includes(needle));
}

/** Polls (bounded) until no file holds the text; answers the files still holding it. */
async function purged(dir: string, text: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const holding = filesHolding(dir, text);
    if (holding.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return filesHolding(dir, text);
}

describe('crypto-shredding: a forgotten client leaves no plaintext and changes nothing else', () => {
  const dataDir = tempDataDir();
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  let analyst: string;
  let auditor: string;
  const backup = join(tempDataDir(), 'service.db.backup');

  const views = async () => ({
    client: (await api.call('GET', '/api/v1/clients/C-IP', { key: world.vendor })).body,
    rankings: (await api.call('GET', '/api/v1/rankings?asOf=2015-02-28', { key: analyst })).body,
    analytics: (
      await api.call('GET', '/api/v1/experiments/exp-2014/analytics?granularity=month', {
        key: analyst,
      })
    ).body,
    trace: withoutProofs(
      (await api.call('GET', '/api/v1/audit/sales/S-IP', { key: auditor })).body,
    ),
  });
  /**
   * A trace's proofs lead to the latest checkpoint, which the erasure's own event moves on; each
   * event's leaf (index and hash) must not move.
   */

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const leaves = (events: any[]) =>
    events.map(({ inclusion, ...e }) => ({ ...e, leafHash: inclusion.leafHash }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const withoutProofs = ({ checkpoint: _, ...trace }: any) => ({
    ...trace,
    events: leaves(trace.events),
    later: leaves(trace.later),
  });

  beforeAll(async () => {
    api = await Harness.start(dataDir);
    world = await seedProgramme(api);
    analyst = api.key('analyst');
    auditor = api.key('auditor');
    const connect = await api.call('POST', '/api/v1/clients', {
      key: world.p1,
      headers: { 'idempotency-key': 'connect-C-IP' },
      body: { ...world.client('C-IP'), ...PERSON },
    });
    expect(connect.status).toBe(201);
    await world.ok('POST', '/api/v1/clients', world.client('C-LE'), world.p1);
    for (const [saleId, clientId] of [
      ['S-IP', 'C-IP'],
      ['S-LE', 'C-LE'],
    ])
      await world.ok(
        'POST',
        '/api/v1/sales',
        {
          saleId,
          partnerId: 'P1',
          clientId,
          positionCode: 'BP-5-12',
          quantity: 1,
          soldOn: '2015-01-15',
        },
        world.p1,
      );
    await world.ok('POST', '/api/v1/sales/S-IP/payment', {
      paidOn: '2015-01-20',
      amount: '9876.54',
    });
    await api.settled();
  });
  afterAll(() => api.close());

  it('keeps the person’s name and INN out of the log, and lists them decrypted on request', async () => {
    const events = readFileSync(join(dataDir, 'events.db'));
    for (const value of Object.values(PERSON)) {
      expect(events.includes(Buffer.from(value))).toBe(false);
      // The test can see plaintext where it is: the read models and the stored answer hold it.
      expect(filesHolding(dataDir, value).length).toBeGreaterThan(0);
    }
    expect(events.includes(Buffer.from('Петров П. П.'))).toBe(false); // P2's responsible employee
    const client = (await views()).client;
    expect(client).toMatchObject({ clientId: 'C-IP', ...PERSON });
    const held = await api.call('GET', '/api/v1/privacy/subjects/C-IP', { key: auditor });
    expect(held.status).toBe(200);
    expect(held.body.subjects).toEqual([
      {
        kind: 'client',
        subjectId: 'C-IP',
        erased: false,
        fields: [
          {
            field: 'name',
            value: PERSON.name,
            event: expect.objectContaining({
              type: 'ClientConnected',
              streamId: 'client-C-IP',
              revision: 0,
            }),
          },
          {
            field: 'inn',
            value: PERSON.inn,
            event: expect.objectContaining({
              type: 'ClientConnected',
              streamId: 'client-C-IP',
              revision: 0,
            }),
          },
        ],
      },
    ]);
    const company = await api.call('GET', '/api/v1/privacy/subjects/C-LE', { key: auditor });
    expect(company.body.subjects).toEqual([
      { kind: 'client', subjectId: 'C-LE', erased: false, fields: [] },
    ]);
    const partner = await api.call('GET', '/api/v1/privacy/subjects/P2', { key: auditor });
    expect(partner.body.subjects[0].fields).toEqual([
      expect.objectContaining({ field: 'responsibleEmployee', value: 'Петров П. П.' }),
    ]);
    expect(
      (await api.call('GET', '/api/v1/privacy/subjects/NOBODY', { key: auditor })).body.code,
    ).toBe('SUBJECT_NOT_FOUND');
    expect((await api.call('GET', '/api/v1/privacy/subjects/C-IP', { key: analyst })).status).toBe(
      403,
    );
  });

  it('forgets the client: every view shows the fields erased, no file holds them, and nothing else moves', async () => {
    const before = await views();
    const verifiedBefore = (await api.call('GET', '/api/v1/audit/verify', { key: auditor })).body;
    const checkpoint = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor }))
      .body;
    const service = new Database(join(dataDir, 'service.db'));
    await service.backup(backup); // the operator's backup of the key store, taken before the erasure
    service.close();

    const refused = await api.call('POST', '/api/v1/privacy/subjects/C-IP/erasure', {
      key: world.vendor,
      body: {},
    });
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    const erased = await api.call('POST', '/api/v1/privacy/subjects/C-IP/erasure', {
      key: world.vendor,
      body: { reason: 'consent withdrawn (request 117)' },
    });
    expect(erased.status).toBe(201);
    expect(erased.body.events).toEqual([
      {
        type: 'PersonalDataErased',
        streamId: 'privacy',
        revision: 0,
        position: expect.stringMatching(/^\d+$/),
        data: {
          subjectId: 'C-IP',
          subjectKind: 'client',
          fields: ['name', 'inn'],
          keyIds: [expect.stringMatching(/^dk_[0-9a-f]{16}$/)],
          reason: 'consent withdrawn (request 117)',
          erasedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      },
    ]);
    expect(JSON.stringify(erased.body)).not.toContain(PERSON.inn);
    await api.settled();

    const after = await views();
    expect(after.client).toEqual({ ...before.client, name: 'erased', inn: 'erased' });
    expect(after.rankings).toEqual(before.rankings);
    expect(after.analytics).toEqual(before.analytics);
    expect(after.trace).toEqual(before.trace);
    expect(after.trace.rederived).toMatchObject({ matches: true, inputsMatch: true });
    expect((await api.call('GET', '/api/v1/audit/verify', { key: auditor })).body).toEqual({
      intact: true,
      checked: verifiedBefore.checked + 1,
    });
    // The auditors' tree covers what is stored (ciphertext): the erasure only adds a leaf.
    const extended = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: checkpoint,
    });
    expect(extended.body).toMatchObject({ extendsCheckpoint: true });
    const held = await api.call('GET', '/api/v1/privacy/subjects/C-IP', { key: world.vendor });
    expect(held.body.subjects[0]).toMatchObject({
      erased: true,
      fields: [
        { field: 'name', value: 'erased' },
        { field: 'inn', value: 'erased' },
      ],
    });
    const client = await api.app.get(PersonalDataStore).readStream('client-C-IP');
    expect(client[0].data).toMatchObject({ clientId: 'C-IP', name: 'erased', inn: 'erased' });

    for (const value of Object.values(PERSON)) expect(await purged(dataDir, value)).toEqual([]);
    // The cached answer held them: it is gone. A retry with the same key is answered from the
    // events, which show the fields erased.
    const again = await api.call('POST', '/api/v1/clients', {
      key: world.p1,
      headers: { 'idempotency-key': 'connect-C-IP' },
      body: { ...world.client('C-IP'), ...PERSON },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.events[0].data).toMatchObject({
      clientId: 'C-IP',
      name: 'erased',
      inn: 'erased',
    });
  });

  it('replays the log into read models that show the fields erased and the same figures', async () => {
    const before = await views();
    const result = await replay(api.app.get(PersonalDataStore), api.app.get(ReadStore), {
      generation: 'g-after-erasure',
    });
    expect(result.after.sha256).toBe(result.before.sha256);
    expect(await views()).toEqual(before);
    for (const value of Object.values(PERSON)) expect(await purged(dataDir, value)).toEqual([]);
  });

  it('does not bring the data back when a key store backup from before the erasure is restored', async () => {
    await api.close();
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(dataDir, `service.db${suffix}`), { force: true });
    copyFileSync(backup, join(dataDir, 'service.db'));
    api = await Harness.start(dataDir);
    auditor = api.key('auditor');
    const held = await api.call('GET', '/api/v1/privacy/subjects/C-IP', { key: auditor });
    expect(held.body.subjects[0]).toMatchObject({
      erased: true,
      fields: [
        { field: 'name', value: 'erased' },
        { field: 'inn', value: 'erased' },
      ],
    });
    const trace = await api.call('GET', '/api/v1/audit/sales/S-IP', { key: auditor });
    expect(trace.body.rederived).toMatchObject({ matches: true });
    for (const value of Object.values(PERSON)) expect(await purged(dataDir, value)).toEqual([]);
  });
});

describe('fresh privacy export|forget beside a running service', () => {
  it('lists a partner’s responsible employee, forgets it, and the service shows it erased', async () => {
    const dataDir = tempDataDir();
    const api = await Harness.start(dataDir);
    try {
      const world = await seedProgramme(api);
      const employee = 'Петров П. П.';
      const exported = fresh(['privacy', 'export', '--partner', 'P2'], dataDir);
      expect(exported).toMatch(
        /^partner P2: 1 personal field\(s\)\n {2}responsibleEmployee\t"Петров П\. П\."\tPartnerCertified partner-P2@1 \(position \d+, recorded [^)]+\)\n$/,
      );
      const forgot = fresh(
        ['privacy', 'forget', '--partner', 'P2', '--reason', 'employee left'],
        dataDir,
      );
      expect(forgot).toMatch(
        /^forgot partner P2: fields responsibleEmployee; 1 data key\(s\) destroyed; erasure recorded at position \d+\n/,
      );
      expect(fresh(['privacy', 'export', '--partner', 'P2'], dataDir)).toContain(
        'responsibleEmployee\t«удалено»\tPartnerCertified',
      );
      const held = await api.call('GET', '/api/v1/privacy/subjects/P2', { key: world.vendor });
      expect(held.body.subjects[0]).toMatchObject({
        kind: 'partner',
        erased: true,
        fields: [{ field: 'responsibleEmployee', value: 'erased' }],
      });
      const partner = await api.call('GET', '/api/v1/partners/P2', { key: world.vendor });
      expect(partner.body).toMatchObject({ partnerId: 'P2', status: { csk: true } });
      expect(await purged(dataDir, employee)).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('refuses a forget without a subject or a reason, and an unknown subject', () => {
    const dataDir = tempDataDir();
    const none = freshRun(['privacy', 'forget', '--reason', 'x'], dataDir);
    expect({ status: none.status, stderr: none.stderr }).toEqual({
      status: 2,
      stderr: 'error: name the subject with --client <id> or --partner <id>\n',
    });
    expect(freshRun(['privacy', 'forget', '--client', 'C1'], dataDir).status).toBe(2);
    const both = freshRun(['privacy', 'export', '--client', 'C1', '--partner', 'P1'], dataDir);
    expect(both.status).toBe(2);
    const unknown = freshRun(['privacy', 'export', '--client', 'C1'], dataDir);
    expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({
      status: 1,
      stderr: 'no client C1 on record\n',
    });
    expect(freshRun(['privacy', '--help'], dataDir).stdout).toContain('forget');
  });
});

describe('fresh simulate with people among the clients', () => {
  it('still gives the same log to the byte for the same seed, their data sealed', () => {
    const checksum = (dataDir: string) =>
      /log checksum ([0-9a-f]{64})/.exec(
        fresh(['simulate', '--events', '1500', '--seed', '5'], dataDir),
      )![1];
    const [a, b] = [tempDataDir(), tempDataDir()];
    expect(checksum(a)).toBe(checksum(b));
    const log = readFileSync(join(a, 'events.db'));
    for (const inn of ['500100732259', '771234567859', '7707083893'])
      expect({ inn, inLog: log.includes(Buffer.from(inn)) }).toEqual({
        inn,
        inLog: inn.length === 10, // the simulation's 12-digit INNs are people's; 10 digits are not
      });
    const held = JSON.parse(fresh(['privacy', 'export', '--client', 'C000001', '--json'], a));
    expect(held.subjects[0]).toMatchObject({ kind: 'client', subjectId: 'C000001' });
  });
});
