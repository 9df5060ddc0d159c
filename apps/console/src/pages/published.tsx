import { useState } from 'preact/hooks';
import { getJson, RankingPage } from '../api';
import { DateField } from '../components/date-field';
import { ExportButtons } from '../components/exports';
import { openPartner, rankingColumns } from '../components/ranking-columns';
import { SegmentChoice, SegmentField } from '../components/segment-field';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate } from '../i18n';
import { useApp, useLoad } from '../state';

/** The partners that qualify on a date, exactly as the rule defines it: the list to publish. */
export function PublishedPage() {
  const app = useApp();
  const { words, lang, asOf, generation } = app;
  const [segment, setSegment] = useState<SegmentChoice>('all');
  const filters = { asOf, segment, publishedOnly: true };
  const list = useLoad(
    () => getJson<RankingPage>('/rankings', { ...filters, generation }),
    [asOf, segment, generation],
  );
  const caption = words.publishedTable(formatDate(asOf, lang));
  return (
    <section aria-labelledby="published-title">
      <h1 id="published-title">{words.published}</h1>
      <p>{words.publishedRule}</p>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <DateField id="published-date" />
        <SegmentField value={segment} onChange={setSegment} />
      </form>
      <ExportButtons what={caption} path="/rankings" params={filters} />
      <LoadStatus state={list} />
      {list.data && <p role="status">{words.publishedCount(list.data.items.length)}</p>}
      <DataTable
        caption={caption}
        columns={rankingColumns(app)}
        rows={list.data?.items ?? []}
        rowKey={(r) => r.partnerId}
        onRowClick={openPartner}
        busy={list.loading}
      />
    </section>
  );
}
