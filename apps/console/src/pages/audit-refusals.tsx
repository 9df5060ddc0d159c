import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { auditWords } from '../audit/words';
import { Pager } from '../components/pager';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate } from '../i18n';
import { useApp, useLoad } from '../state';

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

interface Search {
  partnerId: string;
  code: string;
  from: string;
  to: string;
}

const PAGE = 50;
const NONE: Search = { partnerId: '', code: '', from: '', to: '' };

/** Commands the rules refused (422), as journaled: GET /audit/refusals by partner, code or business date. */
export function AuditRefusalsPage() {
  const { lang } = useApp();
  const w = auditWords(lang);
  const [typed, setTyped] = useState<Search>(NONE);
  const [search, setSearch] = useState<Search>(NONE);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [search]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () =>
      getJson<{ items: Refusal[]; nextCursor: string | null }>('/audit/refusals', {
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
    <section aria-labelledby="audit-refusals-title">
      <h1 id="audit-refusals-title">{w.refusalsTitle}</h1>
      <form
        class="controls"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch({ ...typed, partnerId: typed.partnerId.trim(), code: typed.code.trim() });
        }}
      >
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
      <Pager
        label={w.refusalsTable}
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
