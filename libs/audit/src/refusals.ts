import { DiscountInputs, DiscountRefused } from '@fresh/domain';

/** The type of the event that journals a command refused by a business rule. */
export const COMMAND_REFUSED = 'CommandRefused';

/**
 * Refusals are journaled in streams of their own, one per partner (`refusals-{partnerId}`), or
 * `refusals` for a command that names no partner: domain streams and projections never read them.
 */
export const refusalStream = (partnerId: string | null) =>
  partnerId ? `refusals-${partnerId}` : 'refusals';

export const isRefusalStream = (streamId: string) =>
  streamId === 'refusals' || streamId.startsWith('refusals-');

/** What a CommandRefused event records (with the usual metadata: who, when, correlation). */
export interface CommandRefusedData {
  /** The rule code of the 422 answer. */
  code: string;
  /** The answer's detail, as the caller read it. */
  detail: string;
  commandType: string;
  route: string;
  partnerId: string | null;
  /** SHA-256 of the request body as canonical JSON (sorted keys): the body itself is not kept. */
  bodySha256: string;
  /**
   * A sale the discount policy refused: the facts the policy was given (as in
   * DiscountApplied.inputs, no personal data), so that a scenario can decide it again. Absent
   * for every other refusal, and for sales refused before these facts were journaled.
   */
  sale?: RefusedSale;
}

/** A sale refused by the discount policy, as its refusal journals it. */
export interface RefusedSale {
  saleId: string;
  partnerId: string;
  clientId: string;
  policyVersion: string;
  inputs: DiscountInputs;
}

/** The refused sale's facts, when the discount policy refused it; else undefined. */
export function refusedSaleOf(command: unknown, refusal: unknown): RefusedSale | undefined {
  if (!(refusal instanceof DiscountRefused)) return undefined;
  const { saleId, partnerId, clientId } = command as Omit<RefusedSale, 'policyVersion' | 'inputs'>;
  return {
    saleId,
    partnerId,
    clientId,
    policyVersion: refusal.policyVersion,
    inputs: refusal.inputs,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The business date a command is decided as of: its first date field (soldOn, connectedOn,
 * paidOn, effectiveFrom, startsOn…), or `today` for a command that has none (a registration).
 */
export function businessDateOf(data: unknown, today: string): string {
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (/(On|From)$/.test(key) && typeof value === 'string' && DATE.test(value)) return value;
    }
  }
  return today;
}
