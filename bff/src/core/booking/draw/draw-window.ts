import type { FairReleaseSettings } from '../../../config/config.js';

/** Until when a session's booking requests are drawn, or null when it has no draw (off, or not its type). */
export function fairDrawUntil(
  settings: FairReleaseSettings | undefined,
  type: string,
  releaseAt: number,
): number | null {
  if (!settings?.windowMs) return null;
  if (settings.types.length && !settings.types.includes(type)) return null;
  return releaseAt + settings.windowMs;
}
