import { useCallback, useEffect, useRef, useState } from 'react';
import { usePullDownRefresh } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { messageOf } from '../api';

export type Remote<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T };

/**
 * Loads one resource for a page: loading → ready | error, `reload()` for a retry button, and the
 * page's pull-down refresh (enable it in the page config) reloads it too.
 */
export function useRemote<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { state: Remote<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' });
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller states the loader's dependencies
  const loader = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const data = await loader();
      if (mine === seq.current) setState({ kind: 'ready', data });
    } catch (e) {
      if (mine === seq.current) setState({ kind: 'error', message: messageOf(e) });
    }
  }, [loader]);

  useEffect(() => {
    setState({ kind: 'loading' });
    void reload();
  }, [reload]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { state, reload };
}
