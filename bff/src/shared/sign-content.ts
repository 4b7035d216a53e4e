/**
 * The text Alipay and Baidu sign: every parameter except the signature fields, sorted by name,
 * written `k=v&k=v` without encoding.
 */
export function sortedSignContent(params: Record<string, string>, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k))
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}
