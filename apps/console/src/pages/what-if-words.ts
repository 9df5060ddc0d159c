import { Lang } from '../i18n';

/** The what-if page's words, kept beside it (the console's shared words are in i18n.ts). */
const RU = {
  whatIf: 'Что если',
  intro:
    'Условия эксперимента меняются, каждая записанная продажа решается заново той же политикой скидок по фактам, на которые она опиралась. Ничего не записывается.',
  terms: 'Условия сценария',
  rate: 'Ставка скидки не ЦСК',
  startsOn: 'Начало окна',
  endsOn: 'Конец окна (до решений)',
  cskRate: 'Ставка скидки ЦСК',
  asRecorded: 'как записано',
  decisions: 'Решения',
  keep: 'учитывать',
  noDecisions: 'Решений нет',
  addDecision: 'Добавить решение',
  decisionKind: 'Решение',
  effectiveOn: 'Действует с',
  newEndsOn: 'Новый конец окна',
  newRate: 'Новая ставка',
  remove: 'Убрать',
  run: 'Рассчитать',
  running: 'Считаем…',
  actual: 'Факт',
  scenario: 'Сценарий',
  difference: 'Разница',
  figure: 'Показатель',
  totalsTable: 'Итоги: факт и сценарий',
  differencesTable: 'Разница по периодам (сценарий − факт), все сегменты',
  chartOf: (metric: string) => `${metric}: факт и сценарий`,
  sales: 'Продажи, шт.',
  retail: 'Розница',
  discount: 'Скидка',
  net: 'К оплате',
  newPayingClients: 'Новые платящие клиенты',
  payingClients: 'Платящие клиенты на конец',
  publishedPartners: 'В публикуемом списке на конец',
  wouldBeAccepted: 'Отказано в действительности, сценарий принял бы',
  identityOk: 'Проверка тождества: сценарий совпадает с действительностью, все разницы нулевые.',
  identityFailed:
    'Проверка тождества НЕ ПРОЙДЕНА: сценарий совпадает с действительностью, а разницы есть.',
  changes: (c: {
    sales: number;
    unchanged: number;
    changedAmount: number;
    changedRule: number;
    refused: number;
  }) =>
    `Продаж решено заново: ${c.sales}; без изменений ${c.unchanged}, другая сумма ${c.changedAmount}, другое правило ${c.changedRule}, отказ ${c.refused}.`,
  refusedBy: 'Отказы по кодам',
  partnersTable: 'Партнёры, которых сценарий меняет больше всего',
  refusedCount: 'Отказов',
  span: (from: string, to: string) => `Сравниваются дни с ${from} по ${to}.`,
  windows: (actual: string, scenario: string) => `Окно: факт ${actual}, сценарий ${scenario}.`,
  exportWhat: 'Что если',
  decisionNames: { extend: 'продление', change: 'изменение', terminate: 'прекращение' },
};
export type WhatIfWords = typeof RU;

const EN: WhatIfWords = {
  whatIf: 'What if',
  intro:
    'The experiment’s terms changed: every recorded sale is decided again by the same discount policy, from the facts it relied on. Nothing is recorded.',
  terms: 'The scenario’s terms',
  rate: 'Non-CSK discount rate',
  startsOn: 'Window starts on',
  endsOn: 'Window ends on (before decisions)',
  cskRate: 'CSK discount rate',
  asRecorded: 'as recorded',
  decisions: 'Decisions',
  keep: 'keep',
  noDecisions: 'No decisions',
  addDecision: 'Add a decision',
  decisionKind: 'Decision',
  effectiveOn: 'Effective on',
  newEndsOn: 'New last day',
  newRate: 'New rate',
  remove: 'Remove',
  run: 'Run',
  running: 'Running…',
  actual: 'Actual',
  scenario: 'Scenario',
  difference: 'Difference',
  figure: 'Figure',
  totalsTable: 'Totals: actual and scenario',
  differencesTable: 'Difference by period (scenario − actual), all segments',
  chartOf: (metric: string) => `${metric}: actual and scenario`,
  sales: 'Sales',
  retail: 'Retail',
  discount: 'Discount',
  net: 'Net',
  newPayingClients: 'New paying clients',
  payingClients: 'Paying clients at the end',
  publishedPartners: 'Published partners at the end',
  wouldBeAccepted: 'Refused in reality, accepted by the scenario',
  identityOk: 'Identity check: the scenario is reality and every difference is zero.',
  identityFailed: 'Identity check FAILED: the scenario is reality, yet there are differences.',
  changes: (c) =>
    `Sales decided again: ${c.sales}; unchanged ${c.unchanged}, other amount ${c.changedAmount}, other rule ${c.changedRule}, refused ${c.refused}.`,
  refusedBy: 'Refusals by code',
  partnersTable: 'Partners the scenario changes most',
  refusedCount: 'Refused',
  span: (from: string, to: string) => `Days compared: ${from} to ${to}.`,
  windows: (actual: string, scenario: string) => `Window: actual ${actual}, scenario ${scenario}.`,
  exportWhat: 'What if',
  decisionNames: { extend: 'extension', change: 'change', terminate: 'termination' },
};

export const WHAT_IF_WORDS: Record<Lang, WhatIfWords> = { ru: RU, en: EN };
