import { getJson, Profile } from '../api';
import { DateField } from '../components/date-field';
import { ExportButtons } from '../components/exports';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatCount, formatDate, formatMoney, Words } from '../i18n';
import { useApp, useLoad } from '../state';

/** Why a partner is not on the published list, in words: "8 платящих клиентов из 10". */
export function reasonText(
  reason: Profile['notPublishedBecause'][number],
  words: Words,
  lang: 'ru' | 'en',
) {
  return reason.code === 'TOO_FEW_PAYING_CLIENTS'
    ? words.tooFew(reason.payingClients, reason.required)
    : words.breachedSince(formatDate(reason.since, lang));
}

/** A partner on the chosen date: statuses over time, place, publication, months and clients. */
export function PartnerPage({ partnerId }: { partnerId: string }) {
  const { words, lang, asOf, generation } = useApp();
  const profile = useLoad(
    () =>
      getJson<Profile>(`/partners/${encodeURIComponent(partnerId)}/profile`, { asOf, generation }),
    [partnerId, asOf, generation],
  );
  const p = profile.data;
  const path = `/partners/${encodeURIComponent(partnerId)}/profile`;
  const statusName = { csk: words.csk, astral: words.astral, obligations: words.obligations };
  const valueName = (v: boolean | string) =>
    v === true
      ? words.yes
      : v === false
        ? words.no
        : v === 'breached'
          ? words.breached
          : words.fulfilled;
  return (
    <section aria-labelledby="partner-title">
      <h1 id="partner-title">
        {words.partner} {partnerId}
        {p ? ` — ${p.name}` : ''}
      </h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <DateField id="partner-date" />
      </form>
      <LoadStatus state={profile} />
      {p && (
        <>
          <dl class="facts">
            <dt>{words.segment}</dt>
            <dd>{p.standing.segment === 'csk' ? words.csk : words.nonCsk}</dd>
            <dt>{words.placeAll}</dt>
            <dd>{p.rank.all}</dd>
            <dt>{words.placeSegment}</dt>
            <dd>{p.rank.segment}</dd>
            <dt>{words.payingClients}</dt>
            <dd>{formatCount(p.standing.payingClients, lang)}</dd>
            <dt>{words.connectedClients}</dt>
            <dd>{formatCount(p.standing.connectedClients, lang)}</dd>
            <dt>{words.net}</dt>
            <dd>{formatMoney(p.standing.net, lang)}</dd>
            <dt>{words.astral}</dt>
            <dd>{p.standing.astralCertified ? words.yes : words.no}</dd>
            <dt>{words.obligations}</dt>
            <dd>{p.standing.obligations === 'breached' ? words.breached : words.fulfilled}</dd>
            <dt>{words.registeredOn}</dt>
            <dd>{formatDate(p.registeredOn, lang)}</dd>
          </dl>
          <p
            class={p.published ? 'verdict yes' : 'verdict no'}
            role="note"
            aria-label={words.published}
          >
            {p.published
              ? `${words.onList} (${formatDate(p.asOf, lang)})`
              : `${words.notOnList} (${formatDate(p.asOf, lang)}): ${p.notPublishedBecause.map((r) => reasonText(r, words, lang)).join('; ')}`}
          </p>
          <h2>{words.timeline}</h2>
          <ExportButtons what={words.timeline} path={path} params={{ asOf, table: 'timeline' }} />
          <DataTable
            caption={words.timeline}
            rows={p.timeline}
            rowKey={(c) => `${c.status} ${c.on} ${String(c.value)}`}
            columns={[
              { key: 'on', header: words.date, cell: (c) => formatDate(c.on, lang) },
              { key: 'status', header: words.status, cell: (c) => statusName[c.status] },
              { key: 'value', header: words.value, cell: (c) => valueName(c.value) },
            ]}
          />
          <h2>{words.months}</h2>
          <ExportButtons what={words.months} path={path} params={{ asOf, table: 'months' }} />
          <DataTable
            caption={words.months}
            rows={p.months}
            rowKey={(m) => m.month}
            columns={[
              {
                key: 'month',
                header: words.monthCol,
                cell: (m) =>
                  lang === 'ru' ? `${m.month.slice(5)}.${m.month.slice(0, 4)}` : m.month,
              },
              {
                key: 'sales',
                header: words.sales,
                numeric: true,
                cell: (m) => formatCount(m.sales, lang),
              },
              {
                key: 'retail',
                header: words.retail,
                numeric: true,
                cell: (m) => formatMoney(m.retail, lang),
              },
              {
                key: 'discount',
                header: words.discount,
                numeric: true,
                cell: (m) => formatMoney(m.discount, lang),
              },
              {
                key: 'net',
                header: words.net,
                numeric: true,
                cell: (m) => formatMoney(m.net, lang),
              },
              {
                key: 'newClients',
                header: words.newClients,
                numeric: true,
                cell: (m) => formatCount(m.newClients, lang),
              },
              {
                key: 'newPaying',
                header: words.newPaying,
                numeric: true,
                cell: (m) => formatCount(m.newPayingClients, lang),
              },
            ]}
          />
          <h2>{words.clients}</h2>
          <ExportButtons what={words.clients} path={path} params={{ asOf, table: 'clients' }} />
          <DataTable
            caption={words.clients}
            scroll
            rows={p.clients}
            rowKey={(c) => c.clientId}
            columns={[
              { key: 'clientId', header: words.clientId, cell: (c) => c.clientId },
              { key: 'name', header: words.client, cell: (c) => c.name },
              { key: 'basis', header: words.basis, cell: (c) => c.basis },
              {
                key: 'connectedOn',
                header: words.connectedOn,
                cell: (c) => formatDate(c.connectedOn, lang),
              },
              {
                key: 'payingSince',
                header: words.payingSince,
                cell: (c) => formatDate(c.payingSince, lang),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
