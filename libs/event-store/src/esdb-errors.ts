import {
  EventTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
} from './event-store.port';

const UNAVAILABLE_CODES = new Set([4, 14]); // DEADLINE_EXCEEDED, UNAVAILABLE

/** How soon a write may succeed again after a not-leader answer: an election takes about a second. */
export const ELECTION_RETRY_AFTER_SECONDS = 2;

interface ClientError {
  code?: unknown;
  type?: string;
  name?: string;
  maxAppendSize?: number;
}

/**
 * The port's error for what the client raised, or the error itself when it is not the store's
 * trouble. `store` names the store for messages (already without user info).
 */
export function toPortError(error: unknown, store: string, streamId?: string): unknown {
  const e = error as ClientError;
  switch (e?.type) {
    case 'not-leader':
      return new StoreUnavailableError(store, error, {
        retryAfterSeconds: ELECTION_RETRY_AFTER_SECONDS,
        message: `${store} has no leader to take writes (an election is under way); retry in a moment`,
      });
    case 'access-denied':
      return new StoreAccessDeniedError(store, error);
    case 'maximum-append-size-exceeded':
      return new EventTooLargeError(streamId ?? 'unknown', e.maxAppendSize ?? 0);
  }
  if (
    (typeof e?.code === 'number' && UNAVAILABLE_CODES.has(e.code)) ||
    e?.type === 'unavailable' ||
    e?.name === 'UnavailableError' ||
    e?.type === 'deadline-exceeded'
  ) {
    return new StoreUnavailableError(store, error);
  }
  return error;
}
