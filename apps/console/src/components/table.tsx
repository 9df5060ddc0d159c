import { ComponentChildren } from 'preact';
import { useApp } from '../state';

export interface ColumnDef<T> {
  key: string;
  header: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
  /** Makes the header a button that sorts by this column; the current order shows in aria-sort. */
  sortable?: boolean;
}

/** An accessible data table: a caption, header cells with scope, optional footer and sorting. */
export function DataTable<T>(props: {
  caption: string;
  columns: ColumnDef<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  footer?: ComponentChildren[];
  sort?: string;
  onSort?: (sort: string) => void;
  scroll?: boolean;
  /** A click anywhere on a row (the row's link does the same from the keyboard). */
  onRowClick?: (row: T) => void;
  /** While its rows are being fetched again (aria-busy). */
  busy?: boolean;
}) {
  const { words } = useApp();
  const sortState = (key: string): 'ascending' | 'descending' | undefined =>
    props.sort === key ? 'ascending' : props.sort === `-${key}` ? 'descending' : undefined;
  return (
    <div
      class={props.scroll ? 'table-wrap scroll' : 'table-wrap'}
      tabIndex={props.scroll ? 0 : undefined}
      role={props.scroll ? 'region' : undefined}
      aria-label={props.scroll ? props.caption : undefined}
    >
      <table aria-busy={props.busy ? 'true' : 'false'}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th
                scope="col"
                key={c.key}
                class={c.numeric ? 'num' : undefined}
                aria-sort={c.sortable ? (sortState(c.key) ?? 'none') : undefined}
              >
                {c.sortable && props.onSort ? (
                  <button
                    type="button"
                    class="sort"
                    title={words.sortBy(c.header)}
                    onClick={() =>
                      props.onSort!(sortState(c.key) === 'descending' ? c.key : `-${c.key}`)
                    }
                  >
                    {c.header}
                    <span aria-hidden="true">
                      {sortState(c.key) === 'ascending'
                        ? ' ▲'
                        : sortState(c.key) === 'descending'
                          ? ' ▼'
                          : ''}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length}>{words.noRows}</td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr
                key={props.rowKey(row)}
                class={props.onRowClick ? 'clickable' : undefined}
                onClick={props.onRowClick && (() => props.onRowClick!(row))}
              >
                {props.columns.map((c, i) =>
                  i === 0 ? (
                    <th scope="row" key={c.key} class={c.numeric ? 'num' : undefined}>
                      {c.cell(row)}
                    </th>
                  ) : (
                    <td key={c.key} class={c.numeric ? 'num' : undefined}>
                      {c.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
        {props.footer && (
          <tfoot>
            <tr>
              {props.footer.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td key={i} class={props.columns[i]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
