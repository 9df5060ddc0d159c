import { toProblem } from '../http/to-problem';

export type CommandOutcome =
  'accepted' | 'replayed' | 'refused' | 'conflict' | 'unavailable' | 'invalid' | 'failed';

/** Lost races and a reused Idempotency-Key: the request may be right, another one came first. */
const CONFLICTS = new Set(['CONCURRENCY_CONFLICT', 'IDEMPOTENCY_KEY_REUSED']);

/**
 * What became of a command that threw, and its code: a business rule's refusal (422, a missing
 * partner or client, ALREADY_EXISTS), a conflict, a store that does not answer (503), a command
 * the domain found malformed, or a bug.
 */
export function outcomeOf(error: unknown): { outcome: CommandOutcome; code: string } {
  const problem = toProblem(error);
  if (!problem) return { outcome: 'failed', code: 'INTERNAL' };
  const { status, code } = problem;
  if (CONFLICTS.has(code)) return { outcome: 'conflict', code };
  if (status === 503) return { outcome: 'unavailable', code };
  if (status === 422 || status === 404 || status === 409) return { outcome: 'refused', code };
  return { outcome: 'invalid', code };
}
