import { ERASED, streams, Subject, SubjectKind, subjectOf } from '@fresh/domain';
import { EventMetadata, RecordedEvent } from '@fresh/event-store';
import { openField } from './field-cipher';
import {
  PersonalDataStore,
  RecordedErasure,
  sealContext,
  StoredPersonal,
} from './personal-data-store';
import { upcast } from './upcasters';

/** One personal field held about a subject, and the event that holds it. */
export interface HeldField {
  field: string;
  /** The value, decrypted; ERASED once the subject was forgotten. */
  value: unknown;
  event: { type: string; streamId: string; revision: number; position: string; recordedAt: string };
}
export interface SubjectRecord {
  kind: SubjectKind;
  subjectId: string;
  erased: boolean;
  fields: HeldField[];
}

/** Everything held about a subject: undefined when no stream of that kind and id exists. */
export async function personalDataOf(
  store: PersonalDataStore,
  subject: Subject,
): Promise<SubjectRecord | undefined> {
  const events = await store.stored.readStream(subject.ref);
  if (events.length === 0) return undefined;
  const fields: HeldField[] = [];
  const aside = events.flatMap((event) => {
    const lifted = upcast(event.type, event.schemaVersion, event.data).data as {
      personal?: StoredPersonal;
    };
    return lifted.personal ? [{ event, personal: lifted.personal }] : [];
  });
  const keyIds = [...new Set(aside.flatMap(({ personal }) => personal.keyId ?? []))];
  const keys = await store.keys.keys(keyIds);
  const erased = (await store.keys.erasedSubjects([subject.ref])).has(subject.ref);
  for (const { event, personal } of aside) {
    const key = personal.keyId ? keys.get(personal.keyId) : undefined;
    const values: Record<string, unknown> = personal.clear
      ? erased
        ? {}
        : personal.clear
      : key
        ? (openField(
            key,
            sealContext(personal.subject, personal.fields),
            personal.sealed!,
          ) as Record<string, unknown>)
        : {};
    for (const field of personal.fields)
      fields.push({ field, value: values[field] ?? ERASED, event: at(event) });
  }
  return { kind: subject.kind, subjectId: subject.id, erased, fields };
}

const at = (event: RecordedEvent): HeldField['event'] => ({
  type: event.type,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position.toString(),
  recordedAt: event.metadata.recordedAt,
});

/** Who asks for the erasure, and the command's facts for the event's metadata. */
export interface ErasureRequest {
  reason: string;
  /** The business date of the erasure (today in Moscow). */
  erasedOn: string;
  metadata: Omit<EventMetadata, 'businessDate'>;
}

export interface Erasure {
  event: RecordedEvent;
  /** The values that were held, to purge copies outside the log (stored answers). */
  values: string[];
}

/**
 * Forgets a subject: records the erasure in the `privacy` stream first (so a crash before the
 * keys go is finished at the next start), then destroys the subject's data keys. The log is not
 * touched otherwise: its hashes cover ciphertext that is now unreadable.
 */
export async function forgetSubject(
  store: PersonalDataStore,
  subject: Subject,
  request: ErasureRequest,
): Promise<Erasure | undefined> {
  const held = await personalDataOf(store, subject);
  if (!held) return undefined;
  const keyIds = await store.keys.keyIdsOf(subject.ref);
  const data = {
    subjectId: subject.id,
    subjectKind: subject.kind,
    fields: [...new Set(held.fields.map((f) => f.field))],
    keyIds,
    reason: request.reason,
    erasedOn: request.erasedOn,
  };
  const metadata: EventMetadata = { ...request.metadata, businessDate: request.erasedOn };
  const { events } = await store.append(
    streams.privacy,
    [{ type: 'PersonalDataErased', schemaVersion: 1, data, metadata }],
    'any',
  );
  await store.erased(events as RecordedErasure[]);
  return { event: events[0], values: valuesOf(held.fields) };
}

/** The subjects a bare id may name (a client id, or a partner id for its responsible employee). */
export const subjectsNamed = (id: string): Subject[] => [
  subjectOf('client', id),
  subjectOf('partner', id),
];

/**
 * At start: every erasure on record is applied to the key store again, so a key store restored
 * from a backup taken before an erasure does not bring the data back. When such a key still
 * exists, the values it opens are handed to `purge` first (copies restored with it, such as
 * stored answers in the same backup, go too).
 */
export async function applyRecordedErasures(
  store: PersonalDataStore,
  purge: (values: string[]) => Promise<void> | void = () => {},
): Promise<number> {
  const recorded = await store.stored.readStream(streams.privacy);
  for (const event of recorded) {
    if (event.type !== 'PersonalDataErased') continue;
    const { subjectId, subjectKind, keyIds, erasedOn } = event.data as {
      subjectId: string;
      subjectKind: SubjectKind;
      keyIds: string[];
      erasedOn: string;
    };
    const subject = subjectOf(subjectKind, subjectId);
    const restored = (await store.keys.keys(keyIds)).size > 0;
    const held = restored ? await personalDataOf(store, subject) : undefined;
    await store.keys.destroy(subject.ref, keyIds, erasedOn);
    if (held) await purge(valuesOf(held.fields));
  }
  return recorded.length;
}

const valuesOf = (fields: HeldField[]) =>
  fields.flatMap((f) => (typeof f.value === 'string' && f.value !== ERASED ? [f.value] : []));
