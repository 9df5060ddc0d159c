import { Randomness, systemRandomness } from './field-cipher';

/** A subject's data key and its id (the id is stored with every field it sealed). */
export interface DataKey {
  keyId: string;
  key: Buffer;
}

/**
 * Data keys, one live key per subject (its ref, e.g. `client-C-001`), kept outside the event log.
 * Destroying a subject's keys makes every field they sealed unreadable for good: that is how a
 * subject is forgotten while the log stays append-only. Keys never leave this store but to seal
 * and open fields in memory.
 */
export abstract class KeyStore {
  /** Where new keys and key ids come from (the system's CSPRNG; seeded in a simulation). */
  protected random: Randomness = systemRandomness;
  useRandomness(random: Randomness): void {
    this.random = random;
  }

  /** The subject's live key, made on first use. */
  abstract keyFor(subject: string): Promise<DataKey>;
  /** The keys among `keyIds` that still exist. */
  abstract keys(keyIds: readonly string[]): Promise<Map<string, Buffer>>;
  /** The ids of the subject's keys that still exist. */
  abstract keyIdsOf(subject: string): Promise<string[]>;
  /** Destroys these keys of the subject for good and remembers the subject as erased. */
  abstract destroy(subject: string, keyIds: readonly string[], erasedAt: string): Promise<void>;
  /** Those of `subjects` that were ever erased (their data of before version 2 shows as erased). */
  abstract erasedSubjects(subjects: readonly string[]): Promise<Set<string>>;
  /** Changes whenever keys are destroyed, by any process: readers drop cached keys then. */
  abstract erasureStamp(): Promise<number>;
  abstract close(): Promise<void>;
}
