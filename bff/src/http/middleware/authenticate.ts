import type Koa from 'koa';
import { AppError } from '../../shared/errors.js';
import type { LiveAccounts } from '../../identity/live-accounts.js';
import type { PatientSession, TokenService } from '../../identity/tokens.js';

/** The account and channel of an `Authorization: Bearer <token>` header; UNAUTHENTICATED otherwise. */
export async function bearerSession(tokens: TokenService, header: string | undefined): Promise<PatientSession> {
  const m = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header ?? '');
  if (!m) throw new AppError('UNAUTHENTICATED');
  return tokens.verifySession(m[1]!);
}

/**
 * Reads `Authorization: Bearer <token>` and returns the account id (its channel in `ctx.state.channel`);
 * the token of a deleted account no longer counts.
 */
export function authenticator(tokens: TokenService, live: LiveAccounts) {
  return async (ctx: Koa.Context): Promise<string> => {
    const { accountId, channel } = await bearerSession(tokens, ctx.get('authorization'));
    await live.assertActive(accountId);
    ctx.state.accountId = accountId;
    ctx.state.channel = channel;
    return accountId;
  };
}
