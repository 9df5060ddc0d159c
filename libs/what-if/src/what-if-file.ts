import { Column, Lang, Table } from '@fresh/tables';
import { WhatIfResult } from './evaluate';
import { whatIfRows } from './what-if-rows';

type Words = Record<Lang, string>;

const FIGURES: Record<string, { header: Words; type: Column['type'] }> = {
  sales: { header: { ru: 'Продаж', en: 'Sales' }, type: 'integer' },
  retail: { header: { ru: 'Розница, ₽', en: 'Retail, RUB' }, type: 'money' },
  discount: { header: { ru: 'Скидка, ₽', en: 'Discount, RUB' }, type: 'money' },
  net: { header: { ru: 'К оплате, ₽', en: 'Net, RUB' }, type: 'money' },
  newPayingClients: {
    header: { ru: 'Новых платящих', en: 'New paying clients' },
    type: 'integer',
  },
  payingClients: {
    header: { ru: 'Платящих клиентов на конец', en: 'Paying clients at the end' },
    type: 'integer',
  },
  publishedPartners: {
    header: { ru: 'В публикуемом списке на конец', en: 'Published partners at the end' },
    type: 'integer',
  },
};
const SIDES: Record<string, Words> = {
  actual: { ru: 'факт', en: 'actual' },
  scenario: { ru: 'сценарий', en: 'scenario' },
  difference: { ru: 'разница', en: 'difference' },
  wouldBeAccepted: { ru: 'отказано, принял бы сценарий', en: 'refused, accepted by the scenario' },
};
const LEADING: Record<string, { header: Words; type: Column['type'] }> = {
  period: { header: { ru: 'Период', en: 'Period' }, type: 'text' },
  from: { header: { ru: 'С', en: 'From' }, type: 'date' },
  to: { header: { ru: 'По', en: 'To' }, type: 'date' },
  segment: { header: { ru: 'Сегмент', en: 'Segment' }, type: 'text' },
};
const TOTAL: Words = { ru: 'итого', en: 'total' };

/** A column of whatIfRows (`period`, or `figure.side`) with its header in both languages. */
function columnOf(key: string): Column {
  const leading = LEADING[key];
  if (leading) return { key, ...leading };
  const [figure, side] = key.split('.');
  const { header, type } = FIGURES[figure];
  return {
    key,
    header: { ru: `${header.ru} — ${SIDES[side].ru}`, en: `${header.en} — ${SIDES[side].en}` },
    type,
  };
}

/**
 * The scenario's answer as a file: a row per period and segment, then the totals per segment; per
 * figure its actual, scenario and difference columns (money to the kopeck).
 */
export function whatIfTable(result: WhatIfResult, lang: Lang): Table {
  const { columns, rows } = whatIfRows(result);
  return {
    name: `what-if ${result.experimentId}`,
    columns: columns.map(columnOf),
    rows: rows.map((cells) =>
      Object.fromEntries(
        columns.map((key, i) => [
          key,
          key === 'period' && cells[i] === 'total' ? TOTAL[lang] : cells[i],
        ]),
      ),
    ),
  };
}
