/** Stable rule codes of DOMAIN.md, returned in errors and kept in audit. */
export const RULE_CODES = [
  'EXPERIMENT_NOT_ACTIVE',
  'NOT_RUSSIAN_FRANCHISEE',
  'SELLER_MUST_CONNECT_CLIENT',
  'CLIENT_NOT_CONNECTED',
  'NOT_ASTRAL_CERTIFIED',
  'NOT_CSK',
  'ITS_PROF_CONTRACT_REQUIRED',
  'UNKNOWN_POSITION',
  'NO_PRICE_LIST',
  'FUTURE_DATE',
  'NOT_OWN_CLIENT',
  'RETROACTIVE_DECISION',
  'NOT_CERTIFIED',
  'INVALID_INN',
  'PARTNER_NOT_FOUND',
  'CLIENT_NOT_FOUND',
  'SALE_NOT_FOUND',
  'EXPERIMENT_NOT_FOUND',
  'ALREADY_EXISTS',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** A command refused by a business rule. Nothing is recorded. */
export class DomainError extends Error {
  constructor(
    readonly code: RuleCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A command whose fields contradict what is already known (e.g. paid before it was sold). */
export class InvalidCommandError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidCommandError';
  }
}

export function refuse(code: RuleCode, message: string): never {
  throw new DomainError(code, message);
}
