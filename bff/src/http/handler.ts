import type http from 'node:http';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { createApp } from './app.js';
import { withFastBooking } from './fast-booking.js';
import { withFastReads } from './fast-reads.js';

/** What the BFF's HTTP server runs: the peak's fast paths in front of the Koa app. */
export function createHttpHandler(s: Services, app: Koa = createApp(s)): http.RequestListener {
  return withFastReads(s, withFastBooking(s, app.callback()));
}
