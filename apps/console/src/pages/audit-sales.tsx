import { useAuditSearch } from '../audit/audit-search';
import { auditWords } from '../audit/words';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate, formatMoney, formatRate } from '../i18n';
import { useApp } from '../state';

interface FoundSale {
  saleId: string;
  partnerId: string;
  clientId: string;
  soldOn: string;
  decision: { rule: string; rate: string; retail: string; discount: string; net: string };
  position: string;
}

type Search = {
  partnerId: string;
  clientId: string;
  from: string;
  to: string;
  rule: string;
};

const NONE: Search = { partnerId: '', clientId: '', from: '', to: '', rule: '' };

/** Sales found by partner, client, period (soldOn) or rule (GET /audit/sales), each opening its trace. */
export function AuditSalesPage() {
  const { lang } = useApp();
  const w = auditWords(lang);
  const { typed, setTyped, page, rows, field, submit, pager } = useAuditSearch<Search, FoundSale>(
    '/audit/sales',
    NONE,
  );
  return (
    <section aria-labelledby="audit-sales-title">
      <h1 id="audit-sales-title">{w.salesTitle}</h1>
      <form class="controls" role="search" onSubmit={submit}>
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
      {pager(w.salesTable)}
    </section>
  );
}
