import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import { StaffService } from '../../console/staff.js';
import type { Services } from '../../services.js';
import { drawFigures } from '../../statistics/draw-figures.js';
import { dateRange } from '../../statistics/range.js';
import { staffOf } from '../middleware/staff-auth.js';
import { bind, type BindOptions } from '../route.js';

/** Fair release in the console: per release with a draw, entered and won (a hospital's staff: their own). */
export function drawStatisticsRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.drawStatistics,
    async ({ query, ctx }) =>
      drawFigures(s.db, dateRange(query.from, query.to), StaffService.scope(staffOf(ctx), query.hospitalId)),
    o,
  );
}
