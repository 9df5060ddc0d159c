import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { Lang, Words, WORDS } from './i18n';

/** What every page shares: the language, the session, the generation read and the chosen date. */
export interface AppState {
  lang: Lang;
  words: Words;
  canRank: boolean;
  /** An as-of generation (asof-YYYY-MM-DD), or undefined for the live read models. */
  generation: string | undefined;
  /** The date rankings, the published list and the partner page show. */
  asOf: string;
  setAsOf: (date: string) => void;
  /** Today for the data read: Moscow's today, or an as-of generation's own date. */
  today: string;
}

export const AppContext = createContext<AppState>({
  lang: 'ru',
  words: WORDS.ru,
  canRank: false,
  generation: undefined,
  asOf: '2014-12-01',
  setAsOf: () => undefined,
  today: '2014-12-01',
});
export const useApp = () => useContext(AppContext);

/** Today in Moscow, where the programme's business dates are. */
export const moscowToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

export interface Loaded<T> {
  data?: T;
  error?: ApiError | Error;
  loading: boolean;
}

/** Loads data when its inputs change; an answer to older inputs is dropped. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, inputs);
  return state;
}
