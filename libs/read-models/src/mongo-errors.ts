import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/**
 * Server codes that mean "not now" rather than "never": the driver's own retryable set (host
 * unreachable or not found, network timeout, shutdown, stepped down, not primary, interrupted by a
 * state change, exceeded time limit, majority read concern not yet available) and write-concern
 * timeouts.
 */
const NOT_NOW = new Set([6, 7, 64, 89, 91, 134, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const NOT_NOW_LABELS = ['RetryableWriteError', 'ResetPool', 'PoolRequestedRetry'];

/**
 * Whether a driver error means MongoDB cannot be reached now: the network, server selection, a
 * closed client or topology, a server that is stepping down or shutting down, or a bulk write the
 * server never answered (the driver wraps such errors in MongoBulkWriteError, with no write error
 * and no code). Anything else is an answer: the server refused.
 */
export function isUnreachable(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoClientClosedError ||
    error instanceof MongoOperationTimeoutError
  )
    return true;
  if (error instanceof MongoBulkWriteError && writeErrorsOf(error).length === 0)
    return error.code === undefined || NOT_NOW.has(Number(error.code));
  if (error instanceof MongoServerError && NOT_NOW.has(Number(error.code))) return true;
  return error instanceof MongoError && NOT_NOW_LABELS.some((l) => error.hasErrorLabel(l));
}

/** A bulk write error's write errors, one or many, as a list. */
export const writeErrorsOf = (
  error: MongoBulkWriteError,
): { index: number; code: number; errmsg?: string }[] =>
  [error.writeErrors].flat().filter((e) => e !== undefined);
