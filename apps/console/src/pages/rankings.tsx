import { useEffect, useState } from 'preact/hooks';
import { getJson, RankingPage } from '../api';
import { DateField } from '../components/date-field';
import { ExportButtons } from '../components/exports';
import { openPartner, rankingColumns } from '../components/ranking-columns';
import { SegmentChoice, SegmentField } from '../components/segment-field';
import { Pager } from '../components/pager';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate } from '../i18n';
import { useApp, useLoad } from '../state';

const PAGE = 50;

/** The ranking as of a date: segment, published only, search, sorting, pages of 50. */
export function RankingsPage() {
  const app = useApp();
  const { words, lang, asOf, generation } = app;
  const [segment, setSegment] = useState<SegmentChoice>('all');
  const [publishedOnly, setPublishedOnly] = useState(false);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('rank');
  /** The cursors of the pages before this one, and this one's. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(
    () => setCursors([undefined]),
    [asOf, segment, publishedOnly, search, sort, generation],
  );
  const cursor = cursors.at(-1);
  const filters = {
    asOf,
    segment,
    publishedOnly,
    search: search || undefined,
    sort: sort === 'rank' ? undefined : sort,
  };
  const page = useLoad(
    () => getJson<RankingPage>('/rankings', { ...filters, generation, limit: PAGE, cursor }),
    [asOf, segment, publishedOnly, search, sort, generation, cursor],
  );
  const offset = (cursors.length - 1) * PAGE;
  const rows = page.data?.items ?? [];
  return (
    <section aria-labelledby="rankings-title">
      <h1 id="rankings-title">{words.rankings}</h1>
      <form class="controls" role="search" onSubmit={(e) => e.preventDefault()}>
        <DateField id="rankings-date" />
        <SegmentField value={segment} onChange={setSegment} />
        <label>
          <input
            type="checkbox"
            checked={publishedOnly}
            onChange={(e) => setPublishedOnly((e.target as HTMLInputElement).checked)}
          />{' '}
          {words.publishedOnly}
        </label>
        <label>
          {words.search}{' '}
          <input
            type="search"
            value={typed}
            onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          />
        </label>
      </form>
      <ExportButtons
        what={words.rankingTable(formatDate(asOf, lang))}
        path="/rankings"
        params={filters}
      />
      <LoadStatus state={page} />
      <DataTable
        caption={words.rankingTable(formatDate(asOf, lang))}
        columns={rankingColumns(app)}
        rows={rows}
        rowKey={(r) => r.partnerId}
        onRowClick={openPartner}
        busy={page.loading}
        sort={sort}
        onSort={setSort}
      />
      <Pager
        label={words.rankings}
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
