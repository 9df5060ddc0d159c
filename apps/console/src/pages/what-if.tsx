import { useMemo, useState } from 'preact/hooks';
import { ApiError, Experiment, getJson, postJson } from '../api';
import { ExportButtons } from '../components/exports';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { ChartMarker, TimeChart } from '../components/time-chart';
import { formatCount, formatDate, formatMoney, formatRate, Lang } from '../i18n';
import { useApp, useLoad } from '../state';
import { WHAT_IF_WORDS, WhatIfWords } from './what-if-words';

type Kind = 'extend' | 'change' | 'terminate';
interface Decision {
  decision: Kind;
  effectiveOn: string;
  newEndsOn?: string;
  newDiscountRate?: string;
}
interface Money {
  sales: number;
  retail: string;
  discount: string;
  net: string;
}
type Segmented<F> = { all: F; csk: F; 'non-csk': F };
interface Compared<F> {
  actual: Segmented<F>;
  scenario: Segmented<F>;
  difference: Segmented<F>;
}
type Period = {
  period: string;
  from: string;
  to: string;
  wouldBeAccepted: Segmented<Money>;
} & Compared<Money & { newPayingClients: number }>;
/** The what-if answer as the API gives it (money as decimal strings). */
interface WhatIfAnswer {
  span: { from: string; to: string };
  actual: { window: { from: string; to: string } };
  scenario: { window: { from: string; to: string } };
  refusalsOnRecord: boolean;
  refusalsNote: string;
  totals: Compared<Money & { payingClients: number; publishedPartners: number }> & {
    wouldBeAccepted: Segmented<Money>;
  };
  periods: Period[];
  partners: {
    partnerId: string;
    name: string | null;
    actual: Money;
    scenario: Money;
    difference: Money;
    refused: number;
  }[];
  changes: {
    sales: number;
    unchanged: number;
    changedRule: number;
    changedAmount: number;
    refused: number;
    refusedByCode: Record<string, number>;
    acceptedThoughRefused: number | null;
  };
  identityCheck?: boolean;
}

/** The terms as the analyst set them: empty text means "as recorded". */
interface Terms {
  discountRate: string;
  startsOn: string;
  endsOn: string;
  cskDiscountRate: string;
  /** Recorded decisions left out, by their index. */
  removed: number[];
  added: Decision[];
  granularity: 'week' | 'month';
}
const NO_TERMS: Terms = {
  discountRate: '',
  startsOn: '',
  endsOn: '',
  cskDiscountRate: '',
  removed: [],
  added: [],
  granularity: 'month',
};

/** The request body: only what the analyst changed; decisions only when the list changed. */
function scenarioOf(terms: Terms, recorded: Experiment) {
  const decisions = terms.removed.length > 0 || terms.added.length > 0;
  return {
    scenario: {
      ...(terms.discountRate && { discountRate: terms.discountRate.replace(',', '.') }),
      ...(terms.startsOn && { startsOn: terms.startsOn }),
      ...(terms.endsOn && { endsOn: terms.endsOn }),
      ...(terms.cskDiscountRate && {
        cskDiscountRate: terms.cskDiscountRate.replace(',', '.'),
      }),
      ...(decisions && {
        decisions: [
          ...recorded.decisions
            .filter((_, i) => !terms.removed.includes(i))
            .map(({ decision, decidedOn, effectiveOn, newEndsOn, newDiscountRate }) => ({
              decision,
              decidedOn,
              effectiveOn,
              ...(newEndsOn && { newEndsOn }),
              ...(newDiscountRate && { newDiscountRate }),
            })),
          ...terms.added,
        ],
      }),
    },
    granularity: terms.granularity,
  };
}

const MONEY_FIGURES = ['retail', 'discount', 'net'] as const;
type ChartFigure = 'sales' | 'retail' | 'discount' | 'net' | 'newPayingClients';
const CHARTS: ChartFigure[] = ['sales', 'retail', 'discount', 'net', 'newPayingClients'];
const isMoney = (f: string) => (MONEY_FIGURES as readonly string[]).includes(f);
const show = (figure: string, value: string | number, lang: Lang) =>
  isMoney(figure) ? formatMoney(value, lang) : formatCount(Number(value), lang);
const signed = (figure: string, value: string | number, lang: Lang) =>
  `${Number(value) > 0 ? '+' : ''}${show(figure, value, lang)}`;

function DecisionAdder({ w, onAdd }: { w: WhatIfWords; onAdd: (d: Decision) => void }) {
  const [kind, setKind] = useState<Kind>('extend');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [newEndsOn, setNewEndsOn] = useState('');
  const [newRate, setNewRate] = useState('');
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <fieldset class="inline">
      <legend>{w.addDecision}</legend>
      <label>
        {w.decisionKind}{' '}
        <select value={kind} onChange={(e) => setKind(value(e) as Kind)}>
          {(['extend', 'change', 'terminate'] as const).map((k) => (
            <option key={k} value={k}>
              {w.decisionNames[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.effectiveOn}{' '}
        <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(value(e))} />
      </label>
      {kind === 'extend' && (
        <label>
          {w.newEndsOn}{' '}
          <input type="date" value={newEndsOn} onChange={(e) => setNewEndsOn(value(e))} />
        </label>
      )}
      {kind === 'change' && (
        <label>
          {w.newRate} <input size={6} value={newRate} onInput={(e) => setNewRate(value(e))} />
        </label>
      )}
      <button
        type="button"
        disabled={!effectiveOn}
        onClick={() =>
          onAdd({
            decision: kind,
            effectiveOn,
            ...(kind === 'extend' && newEndsOn && { newEndsOn }),
            ...(kind === 'change' && newRate && { newDiscountRate: newRate.replace(',', '.') }),
          })
        }
      >
        {w.addDecision}
      </button>
    </fieldset>
  );
}

function TermsForm(props: {
  experiment: Experiment;
  terms: Terms;
  setTerms: (t: Terms) => void;
  onRun: () => void;
  running: boolean;
}) {
  const { lang, words } = useApp();
  const w = WHAT_IF_WORDS[lang];
  const { experiment, terms, setTerms } = props;
  const set = (change: Partial<Terms>) => setTerms({ ...terms, ...change });
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const describe = (d: Decision | Experiment['decisions'][number]) =>
    `${w.decisionNames[d.decision]} ${formatDate(d.effectiveOn, lang)}` +
    (d.newEndsOn ? ` → ${formatDate(d.newEndsOn, lang)}` : '') +
    (d.newDiscountRate ? ` → ${formatRate(d.newDiscountRate, lang)}` : '');
  return (
    <form
      aria-label={w.terms}
      onSubmit={(e) => {
        e.preventDefault();
        props.onRun();
      }}
    >
      <div class="controls">
        <label>
          {w.rate}{' '}
          <input
            size={6}
            value={terms.discountRate}
            placeholder={experiment.discountRate}
            onInput={(e) => set({ discountRate: value(e) })}
          />
        </label>
        <label>
          {w.startsOn}{' '}
          <input
            type="date"
            value={terms.startsOn || experiment.startsOn}
            onChange={(e) => set({ startsOn: value(e) === experiment.startsOn ? '' : value(e) })}
          />
        </label>
        <label>
          {w.endsOn}{' '}
          <input
            type="date"
            value={terms.endsOn || experiment.endsOn}
            onChange={(e) => set({ endsOn: value(e) === experiment.endsOn ? '' : value(e) })}
          />
        </label>
        <label>
          {w.cskRate}{' '}
          <input
            size={6}
            value={terms.cskDiscountRate}
            placeholder={w.asRecorded}
            onInput={(e) => set({ cskDiscountRate: value(e) })}
          />
        </label>
        <fieldset class="inline">
          <legend>{words.granularity}</legend>
          {(['week', 'month'] as const).map((g) => (
            <label key={g}>
              <input
                type="radio"
                name="what-if-granularity"
                checked={terms.granularity === g}
                onChange={() => set({ granularity: g })}
              />{' '}
              {words[g]}
            </label>
          ))}
        </fieldset>
      </div>
      <fieldset>
        <legend>{w.decisions}</legend>
        {experiment.decisions.length === 0 && terms.added.length === 0 && <p>{w.noDecisions}</p>}
        <ul class="plain">
          {experiment.decisions.map((d, i) => (
            <li key={`recorded-${i}`}>
              <label>
                <input
                  type="checkbox"
                  checked={!terms.removed.includes(i)}
                  onChange={(e) =>
                    set({
                      removed: (e.target as HTMLInputElement).checked
                        ? terms.removed.filter((r) => r !== i)
                        : [...terms.removed, i],
                    })
                  }
                />{' '}
                {w.keep}: {describe(d)}
              </label>
            </li>
          ))}
          {terms.added.map((d, i) => (
            <li key={`added-${i}`}>
              {describe(d)}{' '}
              <button
                type="button"
                onClick={() => set({ added: terms.added.filter((_, j) => j !== i) })}
              >
                {w.remove}
              </button>
            </li>
          ))}
        </ul>
        <DecisionAdder w={w} onAdd={(d) => set({ added: [...terms.added, d] })} />
      </fieldset>
      <button type="submit" disabled={props.running}>
        {props.running ? w.running : w.run}
      </button>
    </form>
  );
}

function Answer({ a, request, path }: { a: WhatIfAnswer; request: object; path: string }) {
  const { lang, words } = useApp();
  const w = WHAT_IF_WORDS[lang];
  const window = (x: { from: string; to: string }) =>
    `${formatDate(x.from, lang)} — ${formatDate(x.to, lang)}`;
  const markers = useMemo<ChartMarker[]>(
    () => [
      { date: a.actual.window.to, label: `${w.actual} ${formatDate(a.actual.window.to, lang)}` },
      {
        date: a.scenario.window.to,
        label: `${w.scenario} ${formatDate(a.scenario.window.to, lang)}`,
        end: true,
      },
    ],
    [a, lang],
  );
  const totalRows = (
    ['sales', 'retail', 'discount', 'net', 'payingClients', 'publishedPartners'] as const
  ).map((figure) => ({
    figure,
    actual: a.totals.actual.all[figure],
    scenario: a.totals.scenario.all[figure],
    difference: a.totals.difference.all[figure],
  }));
  const accepted = a.totals.wouldBeAccepted.all;
  return (
    <>
      {a.identityCheck !== undefined && (
        <p role="status" class={a.identityCheck ? 'ok' : 'error'}>
          {a.identityCheck ? w.identityOk : w.identityFailed}
        </p>
      )}
      <p>
        {w.span(formatDate(a.span.from, lang), formatDate(a.span.to, lang))}{' '}
        {w.windows(window(a.actual.window), window(a.scenario.window))}
      </p>
      <ExportButtons what={w.exportWhat} path={path} params={{}} body={request} />
      <DataTable
        caption={w.totalsTable}
        rowKey={(r) => r.figure}
        rows={totalRows}
        columns={[
          { key: 'figure', header: w.figure, cell: (r) => w[r.figure] },
          {
            key: 'actual',
            header: w.actual,
            numeric: true,
            cell: (r) => show(r.figure, r.actual, lang),
          },
          {
            key: 'scenario',
            header: w.scenario,
            numeric: true,
            cell: (r) => show(r.figure, r.scenario, lang),
          },
          {
            key: 'difference',
            header: w.difference,
            numeric: true,
            cell: (r) => signed(r.figure, r.difference, lang),
          },
        ]}
      />
      <p>{w.changes(a.changes)}</p>
      {Object.keys(a.changes.refusedByCode).length > 0 && (
        <p>
          {w.refusedBy}:{' '}
          {Object.entries(a.changes.refusedByCode)
            .map(([code, n]) => `${code} ${n}`)
            .join(', ')}
        </p>
      )}
      {a.refusalsOnRecord && (
        <p>
          {w.wouldBeAccepted}: {formatCount(accepted.sales, lang)}; {w.discount.toLowerCase()}{' '}
          {formatMoney(accepted.discount, lang)}, {w.net.toLowerCase()}{' '}
          {formatMoney(accepted.net, lang)}
        </p>
      )}
      <p class="hint">{a.refusalsNote}</p>
      {CHARTS.map((figure) => (
        <section class="metric" key={figure} aria-label={w[figure]}>
          <h2>{w[figure]}</h2>
          <TimeChart
            label={w.chartOf(w[figure])}
            lines={[w.actual, w.scenario]}
            domain={[a.span.from, a.span.to]}
            markers={markers}
            format={(n) => show(figure, n, lang)}
            points={a.periods.map((p) => ({
              date: p.from,
              csk: Number(p.actual.all[figure]),
              nonCsk: Number(p.scenario.all[figure]),
            }))}
          />
        </section>
      ))}
      <DataTable
        caption={w.differencesTable}
        scroll
        rowKey={(p) => p.period}
        rows={a.periods}
        columns={[
          { key: 'period', header: words.period, cell: (p) => p.period },
          ...CHARTS.map((figure) => ({
            key: figure,
            header: w[figure],
            numeric: true,
            cell: (p: Period) => signed(figure, p.difference.all[figure], lang),
          })),
        ]}
      />
      {a.partners.length > 0 && (
        <DataTable
          caption={w.partnersTable}
          rowKey={(p) => p.partnerId}
          rows={a.partners}
          columns={[
            {
              key: 'partner',
              header: words.partner,
              cell: (p) => `${p.partnerId} ${p.name ?? ''}`,
            },
            {
              key: 'net-actual',
              header: `${w.net}: ${w.actual}`,
              numeric: true,
              cell: (p) => formatMoney(p.actual.net, lang),
            },
            {
              key: 'net-scenario',
              header: `${w.net}: ${w.scenario}`,
              numeric: true,
              cell: (p) => formatMoney(p.scenario.net, lang),
            },
            {
              key: 'net-difference',
              header: `${w.net}: ${w.difference}`,
              numeric: true,
              cell: (p) => signed('net', p.difference.net, lang),
            },
            {
              key: 'refused',
              header: w.refusedCount,
              numeric: true,
              cell: (p) => formatCount(p.refused, lang),
            },
          ]}
        />
      )}
    </>
  );
}

/** What if: the analyst sets the terms, runs the scenario, and sees actual against scenario. */
export function WhatIfPage() {
  const { lang, words } = useApp();
  const w = WHAT_IF_WORDS[lang];
  const experiments = useLoad(() => getJson<{ items: Experiment[] }>('/experiments'), []);
  const [chosen, setChosen] = useState<string>();
  const experiment =
    experiments.data?.items.find((e) => e.experimentId === chosen) ??
    experiments.data?.items.at(-1);
  const [terms, setTerms] = useState<Terms>(NO_TERMS);
  const [answer, setAnswer] = useState<{ a: WhatIfAnswer; request: object; path: string }>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const run = () => {
    if (!experiment) return;
    const path = `/experiments/${encodeURIComponent(experiment.experimentId)}/what-if`;
    const request = scenarioOf(terms, experiment);
    setRunning(true);
    setError(undefined);
    postJson<WhatIfAnswer>(path, request)
      .then((a) => setAnswer({ a, request, path }))
      .catch((e: Error) => {
        setAnswer(undefined);
        setError(e instanceof ApiError ? `${e.code}: ${e.message}` : e.message);
      })
      .finally(() => setRunning(false));
  };
  return (
    <section aria-labelledby="what-if-title">
      <h1 id="what-if-title">{w.whatIf}</h1>
      <p class="hint">{w.intro}</p>
      <LoadStatus state={experiments} />
      {experiment && (
        <>
          <label>
            {words.experiment}{' '}
            <select
              value={experiment.experimentId}
              onChange={(e) => {
                setChosen((e.target as HTMLSelectElement).value);
                setTerms(NO_TERMS);
                setAnswer(undefined);
              }}
            >
              {experiments.data?.items.map((e) => (
                <option key={e.experimentId} value={e.experimentId}>
                  {e.experimentId}
                </option>
              ))}
            </select>
          </label>
          <TermsForm
            experiment={experiment}
            terms={terms}
            setTerms={setTerms}
            onRun={run}
            running={running}
          />
        </>
      )}
      {error && (
        <p role="alert" class="error">
          {words.failed}: {error}
        </p>
      )}
      {answer && <Answer {...answer} />}
    </section>
  );
}
