import { useState } from 'preact/hooks';
import { ApiError, Session, signIn } from '../api';
import { useApp } from '../state';

/** Sign-in with an API key: checked against the API, then kept in memory only. */
export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { words } = useApp();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(key.trim());
      setKey('');
      onSignedIn(session);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? words.keyRejected
          : e instanceof ApiError && e.status === 403
            ? words.keyWrongRole
            : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{words.signInTitle}</h1>
      <p>{words.signInHint}</p>
      <form onSubmit={submit}>
        <label for="api-key">{words.apiKey}</label>{' '}
        <input
          id="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit" disabled={busy}>
          {words.signIn}
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
