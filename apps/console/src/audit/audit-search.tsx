import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { Pager } from '../components/pager';
import { useLoad } from '../state';

const PAGE = 50;

/**
 * A search of the audit index (sales, refusals): the fields as typed, the search as sent on
 * submit (trimmed), and its pages 50 at a time through the answer's cursors.
 */
export function useAuditSearch<Search extends Record<string, string>, Item>(
  path: string,
  none: Search,
) {
  const [typed, setTyped] = useState<Search>(none);
  const [search, setSearch] = useState<Search>(none);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  useEffect(() => setCursors([undefined]), [search]);
  const cursor = cursors.at(-1);
  const page = useLoad(
    () =>
      getJson<{ items: Item[]; nextCursor: string | null }>(path, {
        ...search,
        limit: PAGE,
        cursor,
      }),
    [search, cursor],
  );
  const rows = page.data?.items ?? [];
  const field = (name: keyof Search & string, label: string, type = 'text') => (
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
  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = Object.entries(typed).map(([key, value]) => [key, value.trim()]);
    setSearch(Object.fromEntries(trimmed) as Search);
  };
  const pager = (label: string) => (
    <Pager
      label={label}
      cursors={cursors}
      setCursors={setCursors}
      offset={(cursors.length - 1) * PAGE}
      shown={rows.length}
      nextCursor={page.data?.nextCursor}
      loaded={!!page.data}
    />
  );
  return { typed, setTyped, page, rows, field, submit, pager };
}
