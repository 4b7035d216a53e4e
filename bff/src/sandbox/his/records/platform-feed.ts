import { signedHeaders } from '../../../hospital/signature.js';
import type { EventPage } from './patient-index.js';

export class FeedUnavailable extends Error {
  constructor(
    message: string,
    /** The platform's HTTP status, when it answered. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Reads one page of the platform's event feed as the hospital's system does: a GET of
 * /api/hospital/v1/events signed with the hospital's secret.
 */
export async function readPlatformFeed(o: {
  bffUrl: string | undefined;
  code: string;
  secret: string;
  after: number;
  now: number;
}): Promise<EventPage> {
  if (!o.bffUrl) throw new FeedUnavailable('the BFF address is not known yet');
  const target = `/api/hospital/v1/events?after=${o.after}&limit=500`;
  const headers = signedHeaders(o.code, o.secret, { method: 'GET', pathWithQuery: target, body: '' }, o.now);
  let response: Response;
  try {
    response = await fetch(`${o.bffUrl}${target}`, { headers, signal: AbortSignal.timeout(5_000) });
  } catch (e) {
    throw new FeedUnavailable(`the platform did not answer: ${(e as Error).message}`);
  }
  if (!response.ok) throw new FeedUnavailable(`the platform answered ${response.status}`, response.status);
  const page = (await response.json()) as EventPage;
  if (!Array.isArray(page.items) || typeof page.next !== 'number') throw new FeedUnavailable('not an event page');
  return page;
}
