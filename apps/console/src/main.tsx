import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { forgetKey, getJson, Session } from './api';
import { formatDate, Lang, WORDS } from './i18n';
import { AuditPage, auditNav, isAuditPage } from './pages/audit';
import { OverviewPage } from './pages/overview';
import { PartnerPage } from './pages/partner';
import { PartnersPage } from './pages/partners';
import { PublishedPage } from './pages/published';
import { RankingsPage } from './pages/rankings';
import { SignInPage } from './pages/sign-in';
import { WhatIfPage } from './pages/what-if';
import { WHAT_IF_WORDS } from './pages/what-if-words';
import { AppContext, AppState, moscowToday, useApp, useLoad } from './state';
import './style.css';

/** The page in the address's fragment: #/overview, #/rankings, #/published, #/partners/{id}. */
const routeOf = (hash: string) => {
  const [page, id] = hash.replace(/^#\/?/, '').split('/');
  return { page: page || 'overview', id: id ? decodeURIComponent(id) : undefined };
};

function Generations({ value, onChange }: { value?: string; onChange: (g?: string) => void }) {
  const { words, lang } = useApp();
  const list = useLoad(() => getJson<{ live: string; asOf: string[] }>('/generations'), []);
  return (
    <label>
      {words.generation}{' '}
      <select
        value={value ?? ''}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value || undefined)}
      >
        <option value="">{words.liveData}</option>
        {list.data?.asOf.map((g) => (
          <option key={g} value={g}>
            {words.asOfData} {formatDate(g.slice('asof-'.length), lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

function App() {
  const [lang, setLang] = useState<Lang>('ru');
  const [session, setSession] = useState<Session | null>(null);
  const [generation, setGeneration] = useState<string>();
  const today = generation ? generation.slice('asof-'.length) : moscowToday();
  const [asOf, setAsOf] = useState(today);
  const [route, setRoute] = useState(routeOf(location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${WORDS[lang].product} — ${WORDS[lang].title}`;
  }, [lang]);
  useEffect(() => setAsOf((d) => (d > today ? today : d)), [today]);
  const state: AppState = useMemo(
    () => ({
      lang,
      words: WORDS[lang],
      canRank: session?.canRank ?? false,
      generation,
      asOf,
      setAsOf,
      today,
    }),
    [lang, session, generation, asOf, today],
  );
  const words = state.words;
  const signOut = () => {
    forgetKey();
    setSession(null);
    setGeneration(undefined);
  };
  const pages = [
    ['overview', words.overview],
    ['rankings', words.rankings],
    ['published', words.published],
    ['partners', words.partners],
    ['what-if', WHAT_IF_WORDS[lang].whatIf],
  ] as const;
  return (
    <AppContext.Provider value={state}>
      <header class="top">
        <span class="brand">
          {words.product} · {words.title}
        </span>
        {session && (
          <nav aria-label={words.navigation}>
            {[...pages, ...(session.canAudit ? auditNav(lang) : [])]
              .filter(([page]) => session.canRank || page === 'partners' || isAuditPage(page))
              .map(([page, name]) => (
                <a
                  key={page}
                  href={`#/${page}`}
                  aria-current={route.page === page ? 'page' : undefined}
                >
                  {name}
                </a>
              ))}
          </nav>
        )}
        <span class="tools">
          {session && <Generations value={generation} onChange={setGeneration} />}
          <button
            type="button"
            lang={lang === 'ru' ? 'en' : 'ru'}
            aria-label={words.languageName}
            onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')}
          >
            {words.language}
          </button>
          {session && (
            <button type="button" onClick={signOut}>
              {words.signOut}
            </button>
          )}
        </span>
      </header>
      <main>
        {!session ? (
          <SignInPage onSignedIn={setSession} />
        ) : isAuditPage(route.page) && session.canAudit ? (
          <AuditPage page={route.page} id={route.id} />
        ) : route.page === 'partners' && route.id ? (
          <PartnerPage partnerId={route.id} />
        ) : route.page === 'partners' || !session.canRank ? (
          <PartnersPage />
        ) : route.page === 'rankings' ? (
          <RankingsPage />
        ) : route.page === 'published' ? (
          <PublishedPage />
        ) : route.page === 'what-if' ? (
          <WhatIfPage />
        ) : (
          <OverviewPage />
        )}
      </main>
    </AppContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
