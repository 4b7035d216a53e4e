import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';

const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.orders, ROUTES.me];

/** Opens a route the right way: tab pages by switchTab (they cannot be navigated to), others by navigateTo. */
export function open(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

/** Replaces the current page with a route (tab pages by switchTab). */
export function replaceWith(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.redirectTo({ url });
}

/** Back to the previous page, or to a route when this page was opened directly (no page behind it). */
export function backOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else replaceWith(url);
}
