import { RankingItem } from '../api';
import { formatCount, formatMoney } from '../i18n';
import { AppState } from '../state';
import { ColumnDef } from './table';

/** Opens a partner's page (a row's click; its id is also a link). */
export const openPartner = (row: { partnerId: string }) => {
  location.hash = `#/partners/${encodeURIComponent(row.partnerId)}`;
};

/** The ranking's columns; the partner id opens the partner page. */
export function rankingColumns({ words, lang }: AppState): ColumnDef<RankingItem>[] {
  const count = (key: 'connectedClients' | 'payingClients' | 'itsProfConnections') => ({
    key,
    header: words[key],
    numeric: true,
    sortable: true,
    cell: (r: RankingItem) => formatCount(r[key], lang),
  });
  const money = (key: 'retail' | 'discount' | 'net') => ({
    key,
    header: words[key],
    numeric: true,
    sortable: true,
    cell: (r: RankingItem) => formatMoney(r[key], lang),
  });
  return [
    { key: 'rank', header: words.rank, numeric: true, sortable: true, cell: (r) => r.rank },
    {
      key: 'partnerId',
      header: words.partnerId,
      sortable: true,
      cell: (r) => <a href={`#/partners/${encodeURIComponent(r.partnerId)}`}>{r.partnerId}</a>,
    },
    { key: 'name', header: words.name, sortable: true, cell: (r) => r.name },
    {
      key: 'segment',
      header: words.segment,
      cell: (r) => (r.segment === 'csk' ? words.csk : words.nonCsk),
    },
    count('connectedClients'),
    count('payingClients'),
    count('itsProfConnections'),
    money('retail'),
    money('discount'),
    money('net'),
    { key: 'published', header: words.inList, cell: (r) => (r.published ? words.yes : words.no) },
  ];
}
