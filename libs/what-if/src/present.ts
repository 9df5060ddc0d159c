import { formatMoney } from '@fresh/domain';
import { WhatIfResult } from './evaluate';

const MONEY = new Set(['retail', 'discount', 'net']);

/** Kopecks become decimal roubles ("-3486.21"), at any depth: the answer as the API and `--json` give it. */
function moneyAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(moneyAsText);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        MONEY.has(k) && typeof v === 'number' ? formatMoney(v) : moneyAsText(v),
      ]),
    );
  }
  return value;
}

/** The scenario's answer with money as decimal text. */
export type PresentedWhatIf = Record<string, unknown>;
export const presentWhatIf = (result: WhatIfResult): PresentedWhatIf =>
  moneyAsText(result) as PresentedWhatIf;
