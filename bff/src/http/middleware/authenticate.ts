import type Koa from 'koa';
import { AppError } from '../../shared/errors.js';
import type { TokenService } from '../../identity/tokens.js';

/** The account id of an `Authorization: Bearer <token>` header; UNAUTHENTICATED otherwise. */
export async function bearerAccount(tokens: TokenService, header: string | undefined): Promise<string> {
  const m = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED');
  return tokens.verify(m[1]!);
}

/** Reads `Authorization: Bearer <token>` and returns the account id. */
export function authenticator(tokens: TokenService) {
  return async (ctx: Koa.Context): Promise<string> => {
    const accountId = await bearerAccount(tokens, ctx.get('authorization'));
    ctx.state.accountId = accountId;
    return accountId;
  };
}
