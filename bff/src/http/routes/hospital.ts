import type Router from '@koa/router';
import { api } from '@cityhealth/shared-types';
import type { Services } from '../../services.js';
import { bind, type BindOptions } from '../route.js';

/** The hospital interface (/api/hospital/v1): every call signed by a hospital, confined to its own data. */
export function hospitalRoutes(router: Router, s: Services, o: BindOptions): void {
  bind(
    router,
    api.hospitalAttendance,
    (c) => s.hospitals.orders.markAttendance(c.hospitalId, c.params.orderId, c.body.status),
    o,
  );
  bind(router, api.hospitalOrders, (c) => s.hospitals.orders.list(c.hospitalId, c.query), o);
  bind(router, api.hospitalDepartments, (c) => s.hospitals.catalog.departments(c.hospitalId, c.body), o);
  bind(router, api.hospitalDoctors, (c) => s.hospitals.catalog.doctors(c.hospitalId, c.body), o);
  bind(router, api.hospitalEvents, (c) => s.hospitals.events.page(c.hospitalId, c.query), o);
  bind(router, api.hospitalSchedules, (c) => s.hospitals.schedules.upsert(c.hospitalId, c.body), o);
  bind(
    router,
    api.hospitalStopSchedule,
    (c) => s.hospitals.scheduleStates.stop(c.hospitalId, c.params.hisScheduleId, c.body.reason),
    o,
  );
  bind(
    router,
    api.hospitalResumeSchedule,
    (c) => s.hospitals.scheduleStates.resume(c.hospitalId, c.params.hisScheduleId),
    o,
  );
}
