import { Column, Table } from '@fresh/tables';

const col = (key: string, ru: string, en: string, type: Column['type']): Column => ({
  key,
  header: { ru, en },
  type,
});

interface ProfileAnswer {
  partnerId: string;
  timeline: { status: string; on: string; value: boolean | string }[];
  months: object[];
  clients: object[];
}

const STATUS = {
  csk: { ru: 'ЦСК', en: 'CSK' },
  astral: { ru: 'Сертификат Астрал', en: 'Astral certificate' },
  obligations: { ru: 'Обязательства', en: 'Obligations' },
} as const;
const VALUE: Record<string, { ru: string; en: string }> = {
  true: { ru: 'да', en: 'yes' },
  false: { ru: 'нет', en: 'no' },
  fulfilled: { ru: 'выполняются', en: 'fulfilled' },
  breached: { ru: 'нарушены', en: 'breached' },
};

/** One of the partner page's tables, by name. */
export function profileTable(
  profile: ProfileAnswer,
  table: 'months' | 'clients' | 'timeline',
  lang: 'ru' | 'en',
): Table {
  if (table === 'timeline') {
    return {
      name: `${profile.partnerId} статусы`,
      columns: [
        col('on', 'Дата', 'Date', 'date'),
        col('status', 'Статус', 'Status', 'text'),
        col('value', 'Значение', 'Value', 'text'),
      ],
      rows: profile.timeline.map((c) => ({
        on: c.on,
        status: STATUS[c.status as keyof typeof STATUS][lang],
        value: VALUE[String(c.value)]?.[lang] ?? String(c.value),
      })),
    };
  }
  if (table === 'clients') {
    return {
      name: `${profile.partnerId} клиенты`,
      columns: [
        col('clientId', 'Код клиента', 'Client id', 'text'),
        col('name', 'Клиент', 'Client', 'text'),
        col('basis', 'Основание', 'Basis', 'text'),
        col('connectedOn', 'Подключён', 'Connected on', 'date'),
        col('payingSince', 'Платит с', 'Paying since', 'date'),
      ],
      rows: profile.clients as Record<string, unknown>[],
    };
  }
  return {
    name: `${profile.partnerId} по месяцам`,
    columns: [
      col('month', 'Месяц', 'Month', 'text'),
      col('sales', 'Продаж', 'Sales', 'integer'),
      col('retail', 'Розница, ₽', 'Retail, RUB', 'money'),
      col('discount', 'Скидка, ₽', 'Discount, RUB', 'money'),
      col('net', 'К оплате, ₽', 'Net, RUB', 'money'),
      col('newClients', 'Новых клиентов', 'New clients', 'integer'),
      col('newPayingClients', 'Новых платящих', 'New paying clients', 'integer'),
    ],
    rows: profile.months as Record<string, unknown>[],
  };
}
