import type Router from '@koa/router';
import type { Services } from '../../services.js';
import type { BindOptions } from '../route.js';
import { authRoutes } from './auth.js';
import { catalogRoutes } from './catalog.js';
import { consoleRoutes } from './console.js';
import { consoleAuditRoutes } from './console-audit.js';
import { consolePhoneRoutes } from './console-phone.js';
import { consoleContentRoutes } from './console-content.js';
import { consoleHospitalRoutes } from './console-hospitals.js';
import { consoleScheduleRoutes } from './console-schedules.js';
import { contentRoutes } from './content.js';
import { healthRoutes } from './health.js';
import { hospitalRoutes } from './hospital.js';
import { meRoutes } from './me.js';
import { openApiRoutes } from './openapi.js';
import { orderRoutes } from './orders.js';
import { patientRoutes } from './patients.js';
import { paymentRoutes } from './payments.js';
import { recordRoutes } from './records.js';
import { sandboxRoutes } from './sandbox.js';
import { scheduleRoutes } from './schedules.js';
import { staffRoutes } from './staff.js';
import { statisticsRoutes } from './statistics.js';

/** Every route of the BFF. Each domain's module mounts its own contract operations. */
export function registerRoutes(router: Router, s: Services, o: BindOptions): void {
  healthRoutes(router, s);
  openApiRoutes(router);
  authRoutes(router, s, o);
  meRoutes(router, s, o);
  patientRoutes(router, s, o);
  recordRoutes(router, s, o);
  sandboxRoutes(router, s);
  orderRoutes(router, s, o);
  catalogRoutes(router, s, o);
  scheduleRoutes(router, s, o);
  contentRoutes(router, s, o);
  staffRoutes(router, s, o);
  consoleRoutes(router, s, o);
  consoleAuditRoutes(router, s, o);
  consolePhoneRoutes(router, s, o);
  consoleContentRoutes(router, s, o);
  consoleHospitalRoutes(router, s, o);
  consoleScheduleRoutes(router, s, o);
  statisticsRoutes(router, s, o);
  hospitalRoutes(router, s, o);
  paymentRoutes(router, s, o);
}
