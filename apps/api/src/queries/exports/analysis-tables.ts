import { Column, Table } from '@fresh/tables';

const col = (key: string, ru: string, en: string, type: Column['type']): Column => ({
  key,
  header: { ru, en },
  type,
});

/** A ranking row as the API answers it (money as decimal strings). */
export interface RankingRow {
  rank: number;
  partnerId: string;
  name: string;
  segment: string;
  connectedClients: number;
  payingClients: number;
  itsProfConnections: number;
  retail: string;
  discount: string;
  net: string;
  published: boolean;
}

export const RANKING_COLUMNS: Column[] = [
  col('rank', 'Место', 'Rank', 'integer'),
  col('partnerId', 'Код партнёра', 'Partner id', 'text'),
  col('name', 'Партнёр', 'Partner', 'text'),
  col('segment', 'Сегмент', 'Segment', 'text'),
  col('connectedClients', 'Подключено клиентов', 'Connected clients', 'integer'),
  col('payingClients', 'Платящих клиентов', 'Paying clients', 'integer'),
  col('itsProfConnections', 'Подключений по ИТС ПРОФ', 'ITS PROF connections', 'integer'),
  col('retail', 'Розница, ₽', 'Retail, RUB', 'money'),
  col('discount', 'Скидка, ₽', 'Discount, RUB', 'money'),
  col('net', 'К оплате, ₽', 'Net, RUB', 'money'),
  col('published', 'В публикуемом списке', 'Published', 'boolean'),
];

export const rankingTable = (asOf: string, rows: RankingRow[]): Table => ({
  name: `Рейтинг ${asOf}`,
  columns: [col('asOf', 'На дату', 'As of', 'date'), ...RANKING_COLUMNS],
  rows: rows.map((r) => ({ asOf, ...r })),
});

interface Figures {
  sales: number;
  retail: string;
  discount: string;
  net: string;
  newClients: { itsaas: number; 'its-prof': number };
  activePartners: number;
  partnersReachingTenPayingClients: number;
}
interface Bucket {
  period: string;
  from: string;
  to: string;
  decision?: string;
  discountRate?: string;
  segments: { csk: Figures; 'non-csk': Figures };
}
/** The analytics answer with money as decimal strings. */
export interface AnalyticsAnswer {
  experimentId: string;
  granularity: string;
  window: { from: string; to: string };
  periods: Bucket[];
  totals: { window: { csk: Figures; 'non-csk': Figures }; decisionPeriods: Bucket[] };
}

export const ANALYTICS_COLUMNS: Column[] = [
  col('section', 'Раздел', 'Section', 'text'),
  col('period', 'Период', 'Period', 'text'),
  col('from', 'С', 'From', 'date'),
  col('to', 'По', 'To', 'date'),
  col('discountRate', 'Ставка скидки', 'Discount rate', 'rate'),
  col('segment', 'Сегмент', 'Segment', 'text'),
  col('sales', 'Продаж', 'Sales', 'integer'),
  col('retail', 'Розница, ₽', 'Retail, RUB', 'money'),
  col('discount', 'Скидка, ₽', 'Discount, RUB', 'money'),
  col('net', 'К оплате, ₽', 'Net, RUB', 'money'),
  col('newItsaas', 'Новые клиенты ITSaaS', 'New clients ITSaaS', 'integer'),
  col('newItsProf', 'Новые клиенты ИТС ПРОФ', 'New clients ITS PROF', 'integer'),
  col('activePartners', 'Активных партнёров', 'Active partners', 'integer'),
  col('partnersReachingTen', 'Достигли 10 платящих', 'Reached 10 paying clients', 'integer'),
];

const SECTION = {
  period: { ru: 'период', en: 'period' },
  decision: { ru: 'период решения', en: 'decision period' },
  window: { ru: 'всё окно', en: 'whole window' },
};

/** One row per period and segment, then per decision period and segment, then the window's totals. */
export function analyticsTable(a: AnalyticsAnswer, lang: 'ru' | 'en'): Table {
  const rows: Record<string, unknown>[] = [];
  const add = (
    section: keyof typeof SECTION,
    b: Omit<Bucket, 'segments'>,
    s: Bucket['segments'],
  ) => {
    for (const segment of ['csk', 'non-csk'] as const) {
      const f = s[segment];
      rows.push({
        section: SECTION[section][lang],
        period: b.period,
        from: b.from,
        to: b.to,
        discountRate: b.discountRate,
        segment,
        sales: f.sales,
        retail: f.retail,
        discount: f.discount,
        net: f.net,
        newItsaas: f.newClients.itsaas,
        newItsProf: f.newClients['its-prof'],
        activePartners: f.activePartners,
        partnersReachingTen: f.partnersReachingTenPayingClients,
      });
    }
  };
  for (const p of a.periods) add('period', p, p.segments);
  for (const d of a.totals.decisionPeriods) add('decision', d, d.segments);
  add('window', { period: 'window', ...a.window }, a.totals.window);
  return { name: `${a.experimentId} ${a.granularity}`, columns: ANALYTICS_COLUMNS, rows };
}
