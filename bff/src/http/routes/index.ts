import type Router from '@koa/router';
import type { Services } from '../../services.js';
import type { BindOptions } from '../route.js';
import { healthRoutes } from './health.js';
import { openApiRoutes } from './openapi.js';
import { orderRoutes } from './orders.js';

/** Every route of the BFF. Each domain's module mounts its own contract operations. */
export function registerRoutes(router: Router, s: Services, o: BindOptions): void {
  healthRoutes(router, s);
  openApiRoutes(router);
  orderRoutes(router, s, o);
}
