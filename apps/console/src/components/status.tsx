import { ApiError } from '../api';
import { Loaded, useApp } from '../state';

/** Loading and failure, announced to screen readers. */
export function LoadStatus<T>({ state }: { state: Loaded<T> }) {
  const { words } = useApp();
  if (state.error) {
    const forbidden = state.error instanceof ApiError && state.error.status === 403;
    return (
      <p role="alert" class="error">
        {forbidden ? words.cannotRank : `${words.failed}: ${state.error.message}`}
      </p>
    );
  }
  return (
    <p role="status" class="status">
      {state.loading ? words.loading : ''}
    </p>
  );
}
