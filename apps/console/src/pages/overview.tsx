import { useMemo, useState } from 'preact/hooks';
import { Analytics, BySegment, Experiment, Figures, getJson } from '../api';
import { ExportButtons } from '../components/exports';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { ChartMarker, TimeChart } from '../components/time-chart';
import { formatCount, formatDate, formatMoney, formatRate, Lang, Words } from '../i18n';
import { useApp, useLoad } from '../state';

interface Metric {
  key: string;
  title: (w: Words) => string;
  value: (f: Figures) => number;
  money: boolean;
}

const METRICS: Metric[] = [
  { key: 'sales', title: (w) => w.metricSales, value: (f) => f.sales, money: false },
  { key: 'retail', title: (w) => w.metricRetail, value: (f) => Number(f.retail), money: true },
  {
    key: 'discount',
    title: (w) => w.metricDiscount,
    value: (f) => Number(f.discount),
    money: true,
  },
  { key: 'net', title: (w) => w.metricNet, value: (f) => Number(f.net), money: true },
  {
    key: 'itsaas',
    title: (w) => w.metricNewItsaas,
    value: (f) => f.newClients.itsaas,
    money: false,
  },
  {
    key: 'its-prof',
    title: (w) => w.metricNewItsProf,
    value: (f) => f.newClients['its-prof'],
    money: false,
  },
  { key: 'active', title: (w) => w.metricActive, value: (f) => f.activePartners, money: false },
  {
    key: 'reached',
    title: (w) => w.metricReached,
    value: (f) => f.partnersReachingTenPayingClients,
    money: false,
  },
];

const show = (metric: Metric, value: number, lang: Lang) =>
  metric.money ? formatMoney(value, lang) : formatCount(value, lang);

/** Exact sums of decimal strings, in kopecks, for the money columns. */
const moneyOf = (
  metric: Metric,
  s: BySegment,
  segment: 'csk' | 'non-csk' | 'both',
): string | number => {
  if (segment !== 'both')
    return metric.money
      ? (s[segment] as unknown as Record<string, string>)[metric.key]
      : metric.value(s[segment]);
  if (!metric.money) return metric.value(s.csk) + metric.value(s['non-csk']);
  const kopecks = (x: string) => Math.round(Number(x) * 100);
  const key = metric.key as 'retail' | 'discount' | 'net';
  return ((kopecks(s.csk[key]) + kopecks(s['non-csk'][key])) / 100).toFixed(2);
};

function markersOf(
  experiment: Experiment | undefined,
  analytics: Analytics,
  words: Words,
  lang: Lang,
): ChartMarker[] {
  const markers: ChartMarker[] = [
    {
      date: analytics.window.from,
      label: `${words.decision.start} ${formatDate(analytics.window.from, lang)}`,
    },
  ];
  markers.push({
    date: analytics.window.to,
    label: `${words.windowEnd} ${formatDate(analytics.window.to, lang)}`,
    end: true,
  });
  for (const d of experiment?.decisions ?? []) {
    markers.push({
      date: d.effectiveOn,
      label: `${words.decision[d.decision]} ${formatDate(d.effectiveOn, lang)}`,
    });
  }
  return markers;
}

export function OverviewPage() {
  const { words, lang, generation } = useApp();
  const [granularity, setGranularity] = useState<'week' | 'month'>('week');
  const experiments = useLoad(
    () => getJson<{ items: Experiment[] }>('/experiments', { generation }),
    [generation],
  );
  const [chosen, setChosen] = useState<string>();
  const experimentId = chosen ?? experiments.data?.items.at(-1)?.experimentId;
  const experiment = experiments.data?.items.find((e) => e.experimentId === experimentId);
  const analytics = useLoad(
    () =>
      experimentId
        ? getJson<Analytics>(`/experiments/${encodeURIComponent(experimentId)}/analytics`, {
            granularity,
            generation,
          })
        : Promise.resolve(undefined),
    [experimentId, granularity, generation],
  );
  const a = analytics.data;
  const by = granularity === 'week' ? words.week : words.month;
  const markers = useMemo(
    () => (a ? markersOf(experiment, a, words, lang) : []),
    [a, experiment, lang],
  );

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{words.overview}</h1>
      <div class="controls">
        <label>
          {words.experiment}{' '}
          <select
            value={experimentId}
            onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}
          >
            {experiments.data?.items.map((e) => (
              <option key={e.experimentId} value={e.experimentId}>
                {e.experimentId}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="inline">
          <legend>{words.granularity}</legend>
          {(['week', 'month'] as const).map((g) => (
            <label key={g}>
              <input
                type="radio"
                name="granularity"
                value={g}
                checked={granularity === g}
                onChange={() => setGranularity(g)}
              />{' '}
              {words[g]}
            </label>
          ))}
        </fieldset>
        {experimentId && (
          <ExportButtons
            what={`${words.overview} ${experimentId}`}
            path={`/experiments/${encodeURIComponent(experimentId)}/analytics`}
            params={{ granularity }}
          />
        )}
      </div>
      <LoadStatus<unknown> state={experiments.error ? experiments : analytics} />
      {a && (
        <>
          <p>
            {words.window}: {formatDate(a.window.from, lang)} — {formatDate(a.window.to, lang)}.{' '}
            {words.decisions}:{' '}
            {markers
              .slice(2)
              .map((m) => m.label)
              .join('; ') || '—'}
          </p>
          {METRICS.map((metric) => {
            const title = metric.title(words);
            return (
              <section class="metric" key={metric.key} aria-label={title}>
                <h2>{title}</h2>
                <TimeChart
                  label={words.chartOf(title, by)}
                  domain={[a.window.from, a.window.to]}
                  markers={markers}
                  format={(n) => show(metric, n, lang)}
                  points={a.periods.map((p) => ({
                    date: p.from,
                    csk: metric.value(p.segments.csk),
                    nonCsk: metric.value(p.segments['non-csk']),
                  }))}
                />
                <DataTable
                  caption={words.tableOf(title)}
                  scroll
                  rowKey={(p) => p.period}
                  rows={a.periods}
                  columns={[
                    { key: 'period', header: words.period, cell: (p) => p.period },
                    { key: 'from', header: words.from, cell: (p) => formatDate(p.from, lang) },
                    { key: 'to', header: words.to, cell: (p) => formatDate(p.to, lang) },
                    {
                      key: 'csk',
                      header: words.csk,
                      numeric: true,
                      cell: (p) => show(metric, Number(moneyOf(metric, p.segments, 'csk')), lang),
                    },
                    {
                      key: 'non-csk',
                      header: words.nonCsk,
                      numeric: true,
                      cell: (p) =>
                        show(metric, Number(moneyOf(metric, p.segments, 'non-csk')), lang),
                    },
                    {
                      key: 'total',
                      header: words.total,
                      numeric: true,
                      cell: (p) => show(metric, Number(moneyOf(metric, p.segments, 'both')), lang),
                    },
                  ]}
                  footer={[
                    words.totals,
                    formatDate(a.window.from, lang),
                    formatDate(a.window.to, lang),
                    show(metric, Number(moneyOf(metric, a.totals.window, 'csk')), lang),
                    show(metric, Number(moneyOf(metric, a.totals.window, 'non-csk')), lang),
                    show(metric, Number(moneyOf(metric, a.totals.window, 'both')), lang),
                  ]}
                />
              </section>
            );
          })}
          <section aria-labelledby="decision-periods">
            <h2 id="decision-periods">{words.decisionPeriods}</h2>
            <DataTable
              caption={words.decisionPeriods}
              rowKey={(r) => r.key}
              rows={a.totals.decisionPeriods.flatMap((d) =>
                (['csk', 'non-csk'] as const).map((segment) => ({
                  key: `${d.period} ${segment}`,
                  d,
                  segment,
                  f: d.segments[segment],
                })),
              )}
              columns={[
                {
                  key: 'decision',
                  header: words.period,
                  cell: (r) =>
                    words.decision[r.d.decision as keyof Words['decision']] ?? r.d.decision,
                },
                { key: 'from', header: words.from, cell: (r) => formatDate(r.d.from, lang) },
                { key: 'to', header: words.to, cell: (r) => formatDate(r.d.to, lang) },
                {
                  key: 'rate',
                  header: words.rate,
                  numeric: true,
                  cell: (r) => formatRate(r.d.discountRate, lang),
                },
                {
                  key: 'segment',
                  header: words.segment,
                  cell: (r) => (r.segment === 'csk' ? words.csk : words.nonCsk),
                },
                {
                  key: 'sales',
                  header: words.metricSales,
                  numeric: true,
                  cell: (r) => formatCount(r.f.sales, lang),
                },
                {
                  key: 'retail',
                  header: words.retail,
                  numeric: true,
                  cell: (r) => formatMoney(r.f.retail, lang),
                },
                {
                  key: 'discount',
                  header: words.discount,
                  numeric: true,
                  cell: (r) => formatMoney(r.f.discount, lang),
                },
                {
                  key: 'net',
                  header: words.net,
                  numeric: true,
                  cell: (r) => formatMoney(r.f.net, lang),
                },
                {
                  key: 'new',
                  header: words.newClients,
                  numeric: true,
                  cell: (r) =>
                    formatCount(r.f.newClients.itsaas + r.f.newClients['its-prof'], lang),
                },
                {
                  key: 'active',
                  header: words.metricActive,
                  numeric: true,
                  cell: (r) => formatCount(r.f.activePartners, lang),
                },
                {
                  key: 'reached',
                  header: words.metricReached,
                  numeric: true,
                  cell: (r) => formatCount(r.f.partnersReachingTenPayingClients, lang),
                },
              ]}
            />
          </section>
        </>
      )}
    </section>
  );
}
