import { useApp } from '../state';

/** Previous / next through cursor pages, and which rows of how many are shown. */
export function Pager(props: {
  label: string;
  cursors: (string | undefined)[];
  setCursors: (cursors: (string | undefined)[]) => void;
  offset: number;
  shown: number;
  total?: number;
  nextCursor?: string | null;
  loaded: boolean;
}) {
  const { words } = useApp();
  const { cursors, setCursors, nextCursor } = props;
  return (
    <nav class="pager" aria-label={props.label}>
      <button
        type="button"
        disabled={cursors.length === 1}
        onClick={() => setCursors(cursors.slice(0, -1))}
      >
        {words.previous}
      </button>
      <span role="status">
        {props.loaded
          ? words.shown(props.offset + 1, props.offset + props.shown, props.total ?? props.shown)
          : ''}
      </span>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() => nextCursor && setCursors([...cursors, nextCursor])}
      >
        {words.next}
      </button>
    </nav>
  );
}
