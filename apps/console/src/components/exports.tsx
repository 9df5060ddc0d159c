import { useState } from 'preact/hooks';
import { download } from '../api';
import { useApp } from '../state';

/** Download buttons for one table: CSV for Russian Excel, plain CSV and XLSX, headers in the console's language. */
export function ExportButtons(props: {
  what: string;
  path: string;
  params: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON by POST when the file answers a question (a what-if scenario). */
  body?: unknown;
}) {
  const { words, lang, generation } = useApp();
  const [error, setError] = useState<string>();
  const get = (format: 'csv' | 'xlsx', dialect?: 'excel-ru') => () => {
    setError(undefined);
    download(props.path, { ...props.params, generation, format, dialect, lang }, props.body).catch(
      (e: Error) => setError(e.message),
    );
  };
  return (
    <div class="exports" role="group" aria-label={words.exportOf(props.what)}>
      <button type="button" onClick={get('csv', 'excel-ru')}>
        {words.exportCsvRu}
      </button>
      <button type="button" onClick={get('csv')}>
        {words.exportCsv}
      </button>
      <button type="button" onClick={get('xlsx')}>
        {words.exportXlsx}
      </button>
      {error && (
        <span role="alert" class="error">
          {error}
        </span>
      )}
    </div>
  );
}
