import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Page } from '@cityhealth/shared-types';
import { messageOf } from '../api';

export interface PagedList<T> {
  items: T[];
  total: number;
  /** First page loading (nothing to show yet). */
  loading: boolean;
  /** A further page loading. */
  loadingMore: boolean;
  /** The last load failed: shown with a retry. */
  error: string | null;
  hasMore: boolean;
  loaded: boolean;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
}

/**
 * A server-paged list: the first page on open and on pull-down refresh, the next page when the
 * patient reaches the bottom. A reload started later wins over an older one still under way.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Page<T>>, deps: unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller states the fetcher's dependencies
  const fetcher = useCallback(fetchPage, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const p = await fetcher(1);
      if (mine !== seq.current) return;
      setItems(p.items);
      setTotal(p.total);
      setPage(1);
      setLoaded(true);
    } catch (e) {
      if (mine === seq.current) setError(messageOf(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [fetcher]);

  const hasMore = loaded && items.length < total;

  const loadMore = useCallback(async () => {
    if (!hasMore || loadingMore || loading) return;
    const mine = seq.current;
    setLoadingMore(true);
    setError(null);
    try {
      const p = await fetcher(page + 1);
      if (mine !== seq.current) return;
      setItems((prev) => [...prev, ...p.items]);
      setTotal(p.total);
      setPage(page + 1);
    } catch (e) {
      if (mine === seq.current) setError(messageOf(e));
    } finally {
      setLoadingMore(false);
    }
  }, [fetcher, hasMore, loading, loadingMore, page]);

  useEffect(() => {
    void reload();
  }, [reload]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void loadMore();
  });

  return { items, total, loading, loadingMore, error, hasMore, loaded, reload, loadMore };
}
