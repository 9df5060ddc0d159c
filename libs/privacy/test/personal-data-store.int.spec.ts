import { ERASED } from '@fresh/domain';
import { NewEvent, RecordedEvent, SqliteEventStore, verifyLog } from '@fresh/event-store';
import { ALL_PROJECTIONS, EmbeddedReadStore, projectBatch, replay } from '@fresh/read-models';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyRecordedErasures, EmbeddedKeyStore, forgetSubject, PersonalDataStore } from '../src';
import { subjectOf } from '@fresh/domain';

const PERSON = { name: 'ИП Смирнова Анна Викторовна', inn: '770123456703' };
const metadata = {
  eventId: 'e',
  correlationId: 'c',
  causationId: 'c',
  actor: { keyId: 'k', role: 'partner' },
  businessDate: '2014-12-10',
  recordedAt: '2026-11-30T00:00:00.000Z',
  command: {
    type: 'ConnectClient',
    route: 'POST /api/v1/clients',
    receivedAt: '2026-11-30T00:00:00.000Z',
  },
};
const connected = (clientId: string, schemaVersion: number, person = PERSON): NewEvent => ({
  type: 'ClientConnected',
  schemaVersion,
  data: {
    clientId,
    partnerId: 'P1',
    ...person,
    application: 'Бухгалтерия предприятия',
    workplaces: 3,
    basis: 'itsaas',
    connectedOn: '2014-12-10',
    segment: 'non-csk',
    supportedBy: 'P1',
  },
  metadata,
});
const erasure = {
  reason: 'consent withdrawn',
  erasedOn: '2015-06-01',
  metadata: { ...metadata, command: { ...metadata.command, type: 'EraseSubject' } },
};

describe('the event store with personal data sealed at its edge', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: PersonalDataStore;
  const open = () => {
    raw = new SqliteEventStore(join(dir, 'events.db'));
    store = new PersonalDataStore(raw, new EmbeddedKeyStore(join(dir, 'service.db')));
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fresh-privacy-'));
    open();
  });
  afterEach(() => store.close());

  it('stores a person’s fields as ciphertext with the key id, and reads them back in the clear', async () => {
    const { events } = await store.append('client-C1', [connected('C1', 2)], 'no_stream');
    expect(events[0].data).toMatchObject(PERSON);
    const [stored] = await raw.readStream('client-C1');
    expect(stored.schemaVersion).toBe(2);
    expect(stored.data).toEqual({
      clientId: 'C1',
      partnerId: 'P1',
      application: 'Бухгалтерия предприятия',
      workplaces: 3,
      basis: 'itsaas',
      connectedOn: '2014-12-10',
      segment: 'non-csk',
      supportedBy: 'P1',
      personal: {
        subject: 'client-C1',
        keyId: expect.stringMatching(/^dk_[0-9a-f]{16}$/),
        fields: ['name', 'inn'],
        sealed: expect.any(String),
      },
    });
    expect(stored.hash).toBe(events[0].hash);
    const file = readFileSync(join(dir, 'events.db'));
    expect(file.includes(Buffer.from(PERSON.inn))).toBe(false);
    const [read] = await store.readStream('client-C1');
    expect(read).toMatchObject({ schemaVersion: 2, hash: stored.hash });
    expect(read.data).toEqual({ ...(connected('C1', 2).data as object) });
  });

  it('decrypts an event’s personal fields only when a reader reads one of them', async () => {
    await store.append('client-C1', [connected('C1', 2)], 'no_stream');
    const [read] = await store.readStream('client-C1');
    const data = read.data as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(data, 'name')?.get).toBeInstanceOf(Function);
    expect(data.partnerId).toBe('P1');
    expect(data.name).toBe(PERSON.name);
    expect(Object.getOwnPropertyDescriptor(data, 'name')).toMatchObject({ value: PERSON.name });
    expect(Object.getOwnPropertyDescriptor(data, 'inn')).toMatchObject({ value: PERSON.inn });
  });

  it('leaves a legal entity’s event as it is', async () => {
    const company = connected('C2', 2, { name: 'ООО «Ромашка»', inn: '7707083893' });
    await store.append('client-C2', [company], 'no_stream');
    expect((await raw.readStream('client-C2'))[0].data).toEqual(company.data);
  });

  it('reads an event written in version 1 in the current shape: streams, the log, subscriptions, projections, replay', async () => {
    await raw.append('client-OLD', [connected('OLD', 1)], 'no_stream');
    await store.append('client-NEW', [connected('NEW', 2)], 'no_stream');
    const shape = (event: RecordedEvent) => ({
      schemaVersion: event.schemaVersion,
      data: { ...(event.data as object) },
    });
    const expected = (clientId: string) => ({
      schemaVersion: 2,
      data: { ...(connected(clientId, 2).data as object) },
    });
    expect(shape((await store.readStream('client-OLD'))[0])).toEqual(expected('OLD'));
    const all = await store.readAll({ maxCount: 10 });
    expect(all.map(shape)).toEqual([expected('OLD'), expected('NEW')]);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, (batch) => void seen.push(...batch));
    for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await subscription.stop();
    expect(seen.map(shape)).toEqual([expected('OLD'), expected('NEW')]);
    const { ops } = projectBatch(all, ALL_PROJECTIONS);
    const client = ops.find((op) => op.collection === 'clients' && op.id === 'OLD');
    expect(client?.update).toEqual({ $set: expect.objectContaining(PERSON) });

    await forgetSubject(store, subjectOf('client', 'OLD'), erasure);
    const [old] = await store.readStream('client-OLD');
    expect(old.data).toMatchObject({ clientId: 'OLD', name: ERASED, inn: ERASED });
    const reads = new EmbeddedReadStore(join(dir, 'read-models.db'));
    await replay(store, reads, { generation: 'g2' });
    expect(await reads.findOne('g2', 'clients', 'OLD')).toMatchObject({
      name: ERASED,
      inn: ERASED,
    });
    expect(await reads.findOne('g2', 'clients', 'NEW')).toMatchObject(PERSON);
    await reads.close();
  });

  it('forgets a subject: its fields read as erased, nothing else changes, the chain stays intact', async () => {
    await store.append('client-C1', [connected('C1', 2)], 'no_stream');
    await store.append(
      'client-C2',
      [connected('C2', 2, { name: 'ИП Орлов', inn: '500100732259' })],
      'no_stream',
    );
    const before = await raw.readAll({ maxCount: 10 });
    const erased = await forgetSubject(store, subjectOf('client', 'C1'), erasure);
    expect(erased?.values).toEqual([PERSON.name, PERSON.inn]);
    expect(erased?.event).toMatchObject({
      type: 'PersonalDataErased',
      streamId: 'privacy',
      data: {
        subjectId: 'C1',
        subjectKind: 'client',
        fields: ['name', 'inn'],
        reason: 'consent withdrawn',
        erasedOn: '2015-06-01',
      },
    });
    const [c1] = await store.readStream('client-C1');
    expect(c1.data).toMatchObject({
      clientId: 'C1',
      partnerId: 'P1',
      workplaces: 3,
      name: ERASED,
      inn: ERASED,
    });
    expect((await store.readStream('client-C2'))[0].data).toMatchObject({ name: 'ИП Орлов' });
    expect((await raw.readAll({ maxCount: 2 })).map((e) => e.hash)).toEqual(
      before.map((e) => e.hash),
    );
    expect(await verifyLog(store)).toEqual({ intact: true, checked: 3 });
    expect(await forgetSubject(store, subjectOf('client', 'NOBODY'), erasure)).toBeUndefined();
  });

  it('sees a key destroyed by another process at its next read, and applies recorded erasures at start', async () => {
    await store.append('client-C1', [connected('C1', 2)], 'no_stream');
    expect((await store.readStream('client-C1'))[0].data).toMatchObject(PERSON); // key now cached
    const other = new PersonalDataStore(
      new SqliteEventStore(join(dir, 'events.db')),
      new EmbeddedKeyStore(join(dir, 'service.db')),
    );
    const keyIds = await other.keys.keyIdsOf('client-C1');
    const key = (await other.keys.keys(keyIds)).get(keyIds[0])!;
    await forgetSubject(other, subjectOf('client', 'C1'), erasure);
    expect((await store.readStream('client-C1'))[0].data).toMatchObject({ name: ERASED });

    // A key store restored from before the erasure: the key is back until the erasure is applied.
    const restored = new EmbeddedKeyStore(join(dir, 'restored.db'));
    const fresh = new PersonalDataStore(new SqliteEventStore(join(dir, 'events.db')), restored);
    const purged: string[][] = [];
    (restored as unknown as { db: { prepare(sql: string): { run(...a: unknown[]): void } } }).db
      .prepare('INSERT INTO data_keys (key_id, subject, key, created_at) VALUES (?, ?, ?, ?)')
      .run(keyIds[0], 'client-C1', key, 'x');
    expect((await fresh.readStream('client-C1'))[0].data).toMatchObject(PERSON);
    expect(await applyRecordedErasures(fresh, (values) => void purged.push(values))).toBe(1);
    expect(purged).toEqual([[PERSON.name, PERSON.inn]]);
    expect(await restored.keyIdsOf('client-C1')).toEqual([]);
    expect((await fresh.readStream('client-C1'))[0].data).toMatchObject({ name: ERASED });
    await other.close();
    await fresh.close();
  });

  it('answers for the store below what it does not change: its head, whether it answers, whether it has room', async () => {
    raw.hasRoom = async () => false; // a full disk below
    raw.ping = async () => false;
    expect([await store.hasRoom(), await store.ping(), store.stored]).toEqual([false, false, raw]);
  });
});
