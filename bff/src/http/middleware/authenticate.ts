import type Koa from 'koa';
import { AppError } from '../../shared/errors.js';
import type { TokenService } from '../../identity/tokens.js';

/** Reads `Authorization: Bearer <token>` and returns the account id. */
export function authenticator(tokens: TokenService) {
  return async (ctx: Koa.Context): Promise<string> => {
    const header = ctx.get('authorization');
    const m = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED');
    const accountId = await tokens.verify(m[1]!);
    ctx.state.accountId = accountId;
    return accountId;
  };
}
