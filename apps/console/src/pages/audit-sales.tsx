import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { auditWords } from '../audit/words';
import { Pager } from '../components/pager';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate, formatMoney, formatRate } from '../i18n';
import { useApp, useLoad } from '../state';

interface FoundSale {
  saleId: string;
  partnerId: string;
  clientId: string;
  soldOn: string;
  decision: { rule: string; rate: string; retail: string; discount: string; net: string };
  position: string;
}

interface Search {
  partnerId: string;
  clientId: string;
  from: string;
  to: string;
  rule: string;
}

const PAGE = 50;
const NONE: Search = { partnerId: '', clientId: '', from: '', to: '', rule: '' };

/** Sales found by partner, client, period (soldOn) or rule (GET /audit/sales), each opening its trace. */
export function AuditSalesPage() {
  const { lang } = useApp();
  const w = auditWords(lang);
  const [typed, setTyped] = useState<Search>(NONE);
  const [search, setSearch] = useState<Search>(NONE);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [search]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () =>
      getJson<{ items: FoundSale[]; nextCursor: string | null }>('/audit/sales', {
        ...search,
        limit: PAGE,
        cursor,
      }),
    [search, cursor],
  );
  const rows = page.data?.items ?? [];
  const field = (name: keyof Search, label: string, type = 'text') => (
    <label>
      {label}{' '}
      <input
        name={name}
        type={type}
        value={typed[name]}
        onInput={(e) => setTyped({ ...typed, [name]: (e.target as HTMLInputElement).value })}
      />
    </label>
  );
  return (
    <section aria-labelledby="audit-sales-title">
      <h1 id="audit-sales-title">{w.salesTitle}</h1>
      <form
        class="controls"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch({
            ...typed,
            partnerId: typed.partnerId.trim(),
            clientId: typed.clientId.trim(),
          });
        }}
      >
        {field('partnerId', w.partnerId)}
        {field('clientId', w.clientId)}
        {field('from', w.from, 'date')}
        {field('to', w.to, 'date')}
        <label>
          {w.rule}{' '}
          <select
            value={typed.rule}
            onChange={(e) => setTyped({ ...typed, rule: (e.target as HTMLSelectElement).value })}
          >
            <option value="">—</option>
            <option value="csk">csk</option>
            <option value="non-csk-experiment">non-csk-experiment</option>
          </select>
        </label>
        <button type="submit">{w.find}</button>
      </form>
      <LoadStatus state={page} />
      <DataTable
        caption={w.salesTable}
        rows={rows}
        rowKey={(r) => r.saleId}
        busy={page.loading}
        onRowClick={(r) => (location.hash = `#/audit-sales/${encodeURIComponent(r.saleId)}`)}
        columns={[
          {
            key: 'saleId',
            header: w.saleId,
            cell: (r) => <a href={`#/audit-sales/${encodeURIComponent(r.saleId)}`}>{r.saleId}</a>,
          },
          { key: 'partnerId', header: w.partnerId, cell: (r) => r.partnerId },
          { key: 'clientId', header: w.clientId, cell: (r) => r.clientId },
          { key: 'soldOn', header: w.soldOn, cell: (r) => formatDate(r.soldOn, lang) },
          { key: 'rule', header: w.rule, cell: (r) => r.decision.rule },
          {
            key: 'rate',
            header: w.rate,
            numeric: true,
            cell: (r) => formatRate(r.decision.rate, lang),
          },
          {
            key: 'discount',
            header: w.discount,
            numeric: true,
            cell: (r) => formatMoney(r.decision.discount, lang),
          },
          {
            key: 'net',
            header: w.net,
            numeric: true,
            cell: (r) => formatMoney(r.decision.net, lang),
          },
        ]}
      />
      <Pager
        label={w.salesTable}
        cursors={cursors}
        setCursors={setCursors}
        offset={(cursors.length - 1) * PAGE}
        shown={rows.length}
        nextCursor={page.data?.nextCursor}
        loaded={!!page.data}
      />
    </section>
  );
}
