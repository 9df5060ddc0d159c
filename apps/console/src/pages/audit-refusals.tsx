import { useAuditSearch } from '../audit/audit-search';
import { auditWords } from '../audit/words';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate } from '../i18n';
import { useApp } from '../state';

interface Refusal {
  code: string;
  detail: string;
  route: string;
  partnerId: string | null;
  businessDate: string;
  bodySha256: string;
  correlationId: string;
  actor: { keyId: string; role: string; name?: string };
  recordedAt: string;
  position: string;
}

type Search = {
  partnerId: string;
  code: string;
  from: string;
  to: string;
};

const NONE: Search = { partnerId: '', code: '', from: '', to: '' };

/** Commands the rules refused (422), as journaled: GET /audit/refusals by partner, code or business date. */
export function AuditRefusalsPage() {
  const { lang } = useApp();
  const w = auditWords(lang);
  const { page, rows, field, submit, pager } = useAuditSearch<Search, Refusal>(
    '/audit/refusals',
    NONE,
  );
  return (
    <section aria-labelledby="audit-refusals-title">
      <h1 id="audit-refusals-title">{w.refusalsTitle}</h1>
      <form class="controls" role="search" onSubmit={submit}>
        {field('partnerId', w.partnerId)}
        {field('code', w.code)}
        {field('from', w.from, 'date')}
        {field('to', w.to, 'date')}
        <button type="submit">{w.find}</button>
      </form>
      <LoadStatus state={page} />
      <DataTable
        caption={w.refusalsTable}
        rows={rows}
        rowKey={(r) => r.position}
        busy={page.loading}
        columns={[
          { key: 'code', header: w.code, cell: (r) => <code>{r.code}</code> },
          { key: 'detail', header: w.detail, cell: (r) => r.detail },
          { key: 'partnerId', header: w.partnerId, cell: (r) => r.partnerId ?? '—' },
          {
            key: 'businessDate',
            header: w.businessDate,
            cell: (r) => formatDate(r.businessDate, lang),
          },
          { key: 'route', header: w.route, cell: (r) => r.route },
          {
            key: 'who',
            header: w.who,
            cell: (r) => `${r.actor.name ?? r.actor.keyId} (${r.actor.role})`,
          },
          { key: 'recordedAt', header: w.recordedAt, cell: (r) => r.recordedAt },
          { key: 'correlationId', header: w.correlationId, cell: (r) => r.correlationId },
          {
            key: 'bodySha256',
            header: w.bodySha256,
            cell: (r) => <code title={r.bodySha256}>{r.bodySha256.slice(0, 12)}…</code>,
          },
        ]}
      />
      {pager(w.refusalsTable)}
    </section>
  );
}
