import {
  ClientConnected,
  DomainEvent,
  EventType,
  PartnerCertificationRevoked,
  PartnerCertified,
  PartnerObligationsChanged,
  streams,
} from './events';

/**
 * Whose personal data a field is: a client (a person when its INN has 12 digits: an individual
 * entrepreneur) or a partner (for its CSK responsible employee and free-text notes about it).
 * `ref` is the subject's stream id (`client-C-001`, `partner-P-001`): unique across kinds.
 */
export type SubjectKind = 'client' | 'partner';
export interface Subject {
  kind: SubjectKind;
  id: string;
  ref: string;
}
export const subjectOf = (kind: SubjectKind, id: string): Subject => ({
  kind,
  id,
  ref: kind === 'client' ? streams.client(id) : streams.partner(id),
});

/** What a read shows in place of a personal field whose subject was forgotten. */
export const ERASED = 'erased';

/** A 12-digit INN belongs to an individual entrepreneur: a person. 10 digits: a legal entity. */
export const isPersonalInn = (inn: string): boolean => /^\d{12}$/.test(inn);

interface PersonalFields<Data> {
  subject(data: Data): Subject;
  /** The fields of this event's data that are personal data (may depend on the data). */
  fields(data: Data): readonly string[];
}
type DataOf<T extends EventType> = Extract<DomainEvent, { type: T }>['data'];
type Declarations = { readonly [T in EventType]?: PersonalFields<DataOf<T>> };

const partner = (data: { partnerId: string }) => subjectOf('partner', data.partnerId);

/**
 * The personal data of every event type, declared once. Everything else in the events is not
 * personal: legal entities' names and 10-digit INNs, ids, dates, money, the ITS PROF contract
 * (rules read its dates). Free text may name people, so it counts as personal.
 */
export const PERSONAL_DATA: Declarations = {
  ClientConnected: {
    subject: (data: ClientConnected['data']) => subjectOf('client', data.clientId),
    fields: (data: ClientConnected['data']) => (isPersonalInn(data.inn) ? ['name', 'inn'] : []),
  },
  PartnerCertified: {
    subject: partner,
    fields: (_data: PartnerCertified['data']) => ['responsibleEmployee'],
  },
  PartnerCertificationRevoked: {
    subject: partner,
    fields: (_data: PartnerCertificationRevoked['data']) => ['reason'],
  },
  PartnerObligationsChanged: {
    subject: partner,
    fields: (data: PartnerObligationsChanged['data']) => (data.note === undefined ? [] : ['note']),
  },
};

/** The subject and personal fields of an event's data; undefined when it holds none. */
export function personalFieldsOf(
  type: string,
  data: unknown,
): { subject: Subject; fields: readonly string[] } | undefined {
  const declaration = (PERSONAL_DATA as Record<string, PersonalFields<unknown> | undefined>)[type];
  if (!declaration) return undefined;
  const fields = declaration.fields(data);
  return fields.length === 0 ? undefined : { subject: declaration.subject(data), fields };
}
