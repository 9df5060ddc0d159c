import { FuzzRequest } from './fuzz-requests';

export interface Received {
  status: number;
  contentType: string;
  text: string;
  /** Set when no answer came at all. */
  error?: string;
}

/** What every answer must be: below 500, and an error only as problem+json with its code and status. */
export function checkAnswer(request: FuzzRequest, answer: Received): string[] {
  if (answer.error !== undefined) return [`no answer: ${answer.error}`];
  if (answer.status >= 500) return [`answered ${answer.status}`];
  if (answer.status < 400 || request.method === 'HEAD') return [];
  if (!answer.contentType.startsWith('application/problem+json'))
    return ['an error that is not application/problem+json'];
  let body: { status?: unknown; code?: unknown };
  try {
    body = JSON.parse(answer.text);
  } catch {
    return ['a problem+json body that is not JSON'];
  }
  const problems: string[] = [];
  if (body.status !== answer.status) problems.push(`problem status ${String(body.status)}`);
  if (typeof body.code !== 'string' || !/^[A-Z_]+$/.test(body.code))
    problems.push(`problem code ${String(body.code)}`);
  return problems;
}

const MONEY = /^(\d+)\.(\d{2})$/;
const RATE = /^(0|1)(?:\.(\d{1,4}))?$/;

const kopecks = (text: unknown): bigint | undefined => {
  const m = typeof text === 'string' ? MONEY.exec(text) : null;
  return m ? BigInt(m[1]) * 100n + BigInt(m[2]) : undefined;
};

const rateE4 = (text: unknown): bigint | undefined => {
  const m = typeof text === 'string' ? RATE.exec(text) : null;
  return m ? BigInt(m[1]) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0')) : undefined;
};

/**
 * An accepted sale's money, computed here independently of the domain: retail = unit price ×
 * quantity, discount = retail × rate rounded half up to the kopeck, discount + net = retail.
 */
export function checkSale(
  body: { events?: { type: string; data: Record<string, unknown> }[] },
  quantity: number,
): string[] {
  const decision = body.events?.find((e) => e.type === 'DiscountApplied')?.data;
  if (!decision) return ['an accepted sale without DiscountApplied'];
  const inputs = decision.inputs as { priceList?: { unitPrice?: unknown } } | undefined;
  const [retail, discount, net, unitPrice] = [
    decision.retail,
    decision.discount,
    decision.net,
    inputs?.priceList?.unitPrice,
  ].map(kopecks);
  const rate = rateE4(decision.rate);
  if ([retail, discount, net, unitPrice, rate].includes(undefined))
    return [`amounts that are not money: ${JSON.stringify(decision)}`];
  const problems: string[] = [];
  if (retail !== unitPrice! * BigInt(quantity))
    problems.push(
      `retail ${String(decision.retail)} is not ${String(inputs?.priceList?.unitPrice)} × ${quantity}`,
    );
  const expected = (retail! * rate! + 5_000n) / 10_000n;
  if (discount !== expected)
    problems.push(
      `discount ${String(decision.discount)} is not ${decision.rate as string} of ${String(decision.retail)} rounded half up`,
    );
  if (discount! + net! !== retail) problems.push(`discount + net is not retail`);
  return problems;
}
