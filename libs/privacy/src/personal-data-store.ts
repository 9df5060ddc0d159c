import {
  ERASED,
  personalFieldsOf,
  PersonalDataErased,
  SCHEMA_VERSIONS,
  subjectOf,
} from '@fresh/domain';
import {
  AppendResult,
  EventsHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  Subscription,
} from '@fresh/event-store';
import { openField, Randomness, sealField, systemRandomness } from './field-cipher';
import { KeyStore } from './key-store.port';
import { upcast } from './upcasters';

type Data = Record<string, unknown>;
/**
 * An event's personal fields as version 2 stores them: their names, and their values sealed
 * together with the subject's key (one AES-GCM message per event). Version 1 events, lifted by
 * their upcaster, have the values in the clear instead.
 */
export interface StoredPersonal {
  subject: string;
  fields: string[];
  keyId?: string;
  sealed?: string;
  clear?: Record<string, unknown>;
}

const MAX_CACHED_KEYS = 100_000;
const CURRENT = SCHEMA_VERSIONS as Readonly<Record<string, number>>;
/** What sealed values are bound to: a ciphertext moved to another subject or field list does not open. */
export const sealContext = (subject: string, fields: readonly string[]) =>
  `${subject}\n${fields.join(',')}`;
const context = sealContext;

/**
 * Makes the personal fields of `data` getters that open the sealed values on first read, all of
 * an event's at once: a reader that never reads them (most projections) never decrypts.
 */
function openLazily(data: Data, personal: StoredPersonal, key: Buffer): void {
  const open = () => {
    const values = openField(
      key,
      context(personal.subject, personal.fields),
      personal.sealed!,
    ) as Data;
    for (const field of personal.fields)
      Object.defineProperty(data, field, {
        value: values[field],
        enumerable: true,
        writable: true,
        configurable: true,
      });
  };
  for (const field of personal.fields)
    Object.defineProperty(data, field, {
      enumerable: true,
      configurable: true,
      get() {
        open();
        return data[field];
      },
      set(value: unknown) {
        open();
        data[field] = value;
      },
    });
}
export type RecordedErasure = RecordedEvent & PersonalDataErased;
const isErasure = (event: RecordedEvent): event is RecordedErasure =>
  event.type === 'PersonalDataErased';

/**
 * The event store as every reader and writer sees it, at the edge of the store: personal fields
 * (PERSONAL_DATA) are sealed with their subject's data key on append, so the store — and its hash
 * chain — holds ciphertext only; on read, events of every schema version are upcast to the current
 * shape and their personal fields opened, lazily (a projection that does not read a field does
 * not decrypt it), or shown as ERASED when the key was destroyed.
 */
export class PersonalDataStore extends EventStore {
  /** Keys read, by id; null when destroyed (for good). Dropped when any process destroys keys. */
  private readonly cache = new Map<string, Buffer | null>();
  private stamp?: number;
  private random: Randomness = systemRandomness;
  private readonly erasureListeners: ((erasures: RecordedErasure[]) => Promise<void>)[] = [];

  constructor(
    private readonly inner: EventStore,
    readonly keys: KeyStore,
  ) {
    super();
  }

  override get stored(): EventStore {
    return this.inner.stored;
  }

  /** The log as written (sealed), as `stored` reads it: nothing to open in a stored text. */
  override readStoredLog(options: { after?: bigint; maxCount: number }) {
    return this.inner.stored.readStoredLog(options);
  }

  /**
   * Keys, key ids and IVs from `random` instead of the system's CSPRNG: for a simulated log that
   * must come out the same to the byte for the same seed (`seededRandomness`); never for real data.
   */
  useRandomness(random: Randomness): void {
    this.random = random;
    this.keys.useRandomness(random);
  }

  /** Called after the subscription's handler has taken a batch holding erasures. */
  onErasure(listener: (erasures: RecordedErasure[]) => Promise<void>): void {
    this.erasureListeners.push(listener);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((event) => this.seal(event)));
    const result = await this.inner.append(streamId, sealed, expected);
    return {
      ...result,
      events: result.events.map((recorded, i) => ({ ...recorded, data: events[i].data })),
    };
  }

  async readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readStream(streamId, fromRevision));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.inner.readAll(options));
  }

  subscribeToAll(
    options: { after?: bigint; batchSize?: number },
    handler: EventsHandler,
  ): Subscription {
    return this.inner.subscribeToAll(options, async (batch) => {
      await handler(await this.open(batch));
      const erasures = batch.filter(isErasure);
      if (erasures.length > 0) await this.erased(erasures);
    });
  }

  headPosition(): Promise<bigint | undefined> {
    return this.inner.headPosition();
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  override hasRoom(): Promise<boolean> {
    return this.inner.hasRoom();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.close();
  }

  /**
   * Applies erasures to the key store (again: a key store restored from a backup gets its
   * erasures back) and tells the listeners (they purge what the data dir's files still hold).
   */
  async erased(erasures: RecordedErasure[]): Promise<void> {
    for (const { subjectId, subjectKind, keyIds, erasedOn } of erasures.map((e) => e.data)) {
      await this.keys.destroy(subjectOf(subjectKind, subjectId).ref, keyIds, erasedOn);
      for (const keyId of keyIds) this.cache.set(keyId, null);
    }
    for (const listener of this.erasureListeners) await listener(erasures);
  }

  private async seal(event: NewEvent): Promise<NewEvent> {
    if (event.schemaVersion < (CURRENT[event.type] ?? 0)) return event; // an older shape, as given
    const personal = personalFieldsOf(event.type, event.data);
    if (!personal) return event;
    const { keyId, key } = await this.keys.keyFor(personal.subject.ref);
    const data: Data = { ...(event.data as Data) };
    const values: Data = {};
    for (const field of personal.fields) {
      values[field] = data[field];
      delete data[field];
    }
    const fields = [...personal.fields];
    const subject = personal.subject.ref;
    const sealed = sealField(key, context(subject, fields), values, this.random);
    const stored: StoredPersonal = { subject, fields, keyId, sealed };
    return { ...event, data: { ...data, personal: stored } };
  }

  /** Events in the current shape, personal fields readable (or ERASED). */
  async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    let lifted: RecordedEvent[] | undefined;
    const keyIds = new Set<string>();
    const clearSubjects = new Set<string>();
    for (let i = 0; i < events.length; i++) {
      let event = events[i];
      if (event.schemaVersion < (CURRENT[event.type] ?? 0)) {
        event = { ...event, ...upcast(event.type, event.schemaVersion, event.data) };
        (lifted ??= events.slice())[i] = event;
      }
      const personal = (event.data as { personal?: StoredPersonal }).personal;
      if (!personal) continue;
      if (personal.keyId) keyIds.add(personal.keyId);
      if (personal.clear) clearSubjects.add(personal.subject);
    }
    if (keyIds.size === 0 && clearSubjects.size === 0) return lifted ?? events;
    const keys = keyIds.size > 0 ? await this.keysFor([...keyIds]) : this.cache;
    const erased =
      clearSubjects.size > 0 ? await this.keys.erasedSubjects([...clearSubjects]) : new Set();
    return (lifted ?? events).map((event) => {
      const { personal, ...data } = event.data as Data & { personal?: StoredPersonal };
      if (!personal) return event;
      if (personal.clear) {
        for (const field of personal.fields)
          data[field] = erased.has(personal.subject) ? ERASED : personal.clear[field];
      } else {
        const key = personal.keyId ? keys.get(personal.keyId) : undefined;
        if (key) openLazily(data, personal, key);
        else for (const field of personal.fields) data[field] = ERASED;
      }
      return { ...event, data };
    });
  }

  private async keysFor(keyIds: string[]): Promise<Map<string, Buffer | null>> {
    const stamp = await this.keys.erasureStamp();
    if (stamp !== this.stamp) {
      for (const [keyId, key] of this.cache) if (key) this.cache.delete(keyId);
      this.stamp = stamp;
    }
    if (this.cache.size > MAX_CACHED_KEYS) this.cache.clear();
    const missing = keyIds.filter((keyId) => !this.cache.has(keyId));
    if (missing.length > 0) {
      const found = await this.keys.keys(missing);
      for (const keyId of missing) this.cache.set(keyId, found.get(keyId) ?? null);
    }
    return this.cache;
  }
}
