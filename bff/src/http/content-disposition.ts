/**
 * `attachment` with a file name any browser saves correctly: an ASCII fallback in `filename` and
 * the real (Chinese) name in RFC 5987 `filename*`, percent-encoded as UTF-8 (RFC 6266).
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
