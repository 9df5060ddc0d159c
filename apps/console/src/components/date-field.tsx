import { formatDate } from '../i18n';
import { useApp } from '../state';

/** The date the page shows, from the experiment's first days up to today (of the data read). */
export function DateField({ id }: { id: string }) {
  const { words, lang, asOf, setAsOf, today } = useApp();
  return (
    <label for={id}>
      {words.asOf}{' '}
      <input
        id={id}
        type="date"
        value={asOf}
        min="2014-01-01"
        max={today}
        required
        onChange={(e) => {
          const value = (e.target as HTMLInputElement).value;
          if (/^\d{4}-\d{2}-\d{2}$/.test(value) && value <= today) setAsOf(value);
        }}
      />{' '}
      <span class="hint">{formatDate(asOf, lang)}</span>
    </label>
  );
}
