import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { SegmentChoice, SegmentField } from '../components/segment-field';
import { Pager } from '../components/pager';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { openPartner } from '../components/ranking-columns';
import { formatCount, formatDate } from '../i18n';
import { useApp, useLoad } from '../state';

interface PartnerRow {
  partnerId: string;
  name: string;
  region: string | null;
  registeredOn: string;
  segment: 'csk' | 'non-csk';
  payingClients: number;
  published: boolean;
}

const PAGE = 50;

/** Every partner, in id order, found by id or name: the way in for auditors (and anyone). */
export function PartnersPage() {
  const { words, lang, generation } = useApp();
  const [segment, setSegment] = useState<SegmentChoice>('all');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => setCursors([undefined]), [segment, search, generation]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () =>
      getJson<{ items: PartnerRow[]; nextCursor: string | null; total: number }>('/partners', {
        segment,
        search: search || undefined,
        generation,
        limit: PAGE,
        cursor,
      }),
    [segment, search, generation, cursor],
  );
  const rows = page.data?.items ?? [];
  const offset = (cursors.length - 1) * PAGE;
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{words.partners}</h1>
      <form class="controls" role="search" onSubmit={(e) => e.preventDefault()}>
        <SegmentField value={segment} onChange={setSegment} />
        <label>
          {words.search}{' '}
          <input
            type="search"
            value={typed}
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />
        </label>
      </form>
      <LoadStatus state={page} />
      <DataTable
        caption={words.partnersTable}
        rows={rows}
        rowKey={(r) => r.partnerId}
        onRowClick={openPartner}
        busy={page.loading}
        columns={[
          {
            key: 'partnerId',
            header: words.partnerId,
            cell: (r) => (
              <a href={`#/partners/${encodeURIComponent(r.partnerId)}`}>{r.partnerId}</a>
            ),
          },
          { key: 'name', header: words.name, cell: (r) => r.name },
          { key: 'region', header: words.region, cell: (r) => r.region ?? '—' },
          {
            key: 'registeredOn',
            header: words.registeredOn,
            cell: (r) => formatDate(r.registeredOn, lang),
          },
          {
            key: 'segment',
            header: words.segment,
            cell: (r) => (r.segment === 'csk' ? words.csk : words.nonCsk),
          },
          {
            key: 'payingClients',
            header: words.payingClients,
            numeric: true,
            cell: (r) => formatCount(r.payingClients, lang),
          },
          {
            key: 'published',
            header: words.inList,
            cell: (r) => (r.published ? words.yes : words.no),
          },
        ]}
      />
      <Pager
        label={words.partners}
        cursors={cursors}
        setCursors={setCursors}
        offset={offset}
        shown={rows.length}
        total={page.data?.total}
        nextCursor={page.data?.nextCursor}
        loaded={!!page.data}
      />
    </section>
  );
}
