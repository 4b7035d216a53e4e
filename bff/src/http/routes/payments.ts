import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import { PaymentRecords } from '../../pay/payment-records.js';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';

export function paymentRoutes(router: Router, s: Services, o: BindOptions): void {
  const records = new PaymentRecords(s.db);
  bind(
    router,
    api.listPayments,
    async ({ query, accountId }) => {
      const { items, total } = await records.list(accountId, query);
      return { items, page: query.page, pageSize: query.pageSize, total };
    },
    o,
  );
}
