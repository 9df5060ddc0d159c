import { PERSONAL_DATA, personalFieldsOf, SCHEMA_VERSIONS } from '@fresh/domain';

type Data = Record<string, unknown>;
/** Turns the stored data of one schema version into the stored data of the next. */
export type Upcaster = (data: Data, type: string) => Data;

/**
 * Version 2 of an event type with personal data keeps those fields aside, in `personal`, sealed
 * with the subject's key (`{ subject, fields, keyId, sealed }`). Version 1 had them in the clear
 * among the other fields: lifted, they go aside in the clear (`{ subject, fields, clear }`), so
 * one reader opens both, and shows them erased once their subject is forgotten.
 */
export const personalFieldsAside: Upcaster = (data, type) => {
  const personal = personalFieldsOf(type, data);
  if (!personal) return data;
  const rest: Data = { ...data };
  const clear: Data = {};
  for (const field of personal.fields) {
    clear[field] = rest[field];
    delete rest[field];
  }
  return {
    ...rest,
    personal: { subject: personal.subject.ref, fields: [...personal.fields], clear },
  };
};

/**
 * Upcasters by event type and the version they read. A new schema version N+1 of a type adds
 * `UPCASTERS[type][N]` (old stored shape → new stored shape) and bumps SCHEMA_VERSIONS; readers
 * then see only the newest shape. Types absent here never changed shape.
 */
export const UPCASTERS: Readonly<Record<string, Readonly<Record<number, Upcaster>>>> =
  Object.fromEntries(Object.keys(PERSONAL_DATA).map((type) => [type, { 1: personalFieldsAside }]));

const CURRENT = SCHEMA_VERSIONS as Readonly<Record<string, number>>;

/** The stored data of any version as the current version stores it. */
export function upcast(
  type: string,
  schemaVersion: number,
  data: unknown,
): { schemaVersion: number; data: unknown } {
  const current = CURRENT[type] ?? schemaVersion;
  let lifted = data as Data;
  for (let version = schemaVersion; version < current; version++) {
    const upcaster = UPCASTERS[type]?.[version];
    if (!upcaster) throw new Error(`no upcaster for ${type} from version ${version}`);
    lifted = upcaster(lifted, type);
  }
  return { schemaVersion: Math.max(schemaVersion, current), data: lifted };
}
