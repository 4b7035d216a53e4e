import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './api-error';

export interface Answer<T> {
  data: T | null;
  loading: boolean;
  /** The message of the last failed read (in Chinese), null once one succeeds. */
  error: string | null;
  /** Reads again (after a change made on the page). */
  reload: () => void;
}

/**
 * The answer of one read (`load`, made with useCallback), asked again whenever `load` changes (the
 * last answer stays on screen meanwhile); an answer that arrives after a newer request is dropped.
 */
export function useAnswer<T>(load: () => Promise<T>): Answer<T> {
  const [state, setState] = useState<Omit<Answer<T>, 'reload'>>({ data: null, loading: true, error: null });
  const [revision, setRevision] = useState(0);
  const reload = useCallback(() => setRevision((r) => r + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision reads again
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false, error: null }),
      (e: unknown) => live && setState((s) => ({ ...s, loading: false, error: messageOf(e) })),
    );
    return () => {
      live = false;
    };
  }, [load, revision]);
  return { ...state, reload };
}
