import type Router from '@koa/router';
import { buildOpenApi } from '@cityhealth/shared-types';

export function openApiRoutes(router: Router): void {
  let cached: string | undefined;
  router.get('/openapi.json', (ctx) => {
    cached ??= JSON.stringify(buildOpenApi({ title: '预约挂号统一平台 Patient API', version: '1.0.0' }));
    ctx.type = 'application/json';
    ctx.body = cached;
  });
}
