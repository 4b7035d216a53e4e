import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import { listDrawTickets } from '../../core/booking/draw/ticket-list.js';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';

/** The patient's release draws (放号抽签) in 我的预约: each ticket, pending, won (its order) or lost (why). */
export function drawTicketRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.listDrawTickets,
    async ({ accountId }) => ({ items: await listDrawTickets(s.db, accountId, s.clock.now()) }),
    o,
  );
}
