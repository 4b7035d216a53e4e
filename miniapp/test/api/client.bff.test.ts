import { api, ApiError, currentSession, newIdempotencyKey, saveSession } from '../../src/api';
import { latestSmsCode, loginAsNewUser, makePhone } from '../support/bff-fixtures';
import { navigations, resetTaro } from '../support/taro-api';

beforeEach(() => {
  resetTaro('packages/order/detail');
  saveSession(null);
});

describe('API client against the real BFF', () => {
  it('logs in with phone + SMS code and keeps the session', async () => {
    const phone = makePhone();
    await api.sendSmsCode(phone);
    const auth = await api.loginWithSms(phone, await latestSmsCode(phone));
    expect(currentSession()).toEqual({ token: auth.token, expiresAt: auth.expiresAt, accountId: auth.account.id });
    expect((await api.me()).phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
  });

  it('renews a token that is close to its end before using it', async () => {
    await loginAsNewUser();
    const before = currentSession()!;
    saveSession({ ...before, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    await api.me();
    // (A token issued within the same second as the first may be byte-identical: compare the expiry the server gave.)
    const after = currentSession()!;
    expect(after.accountId).toBe(before.accountId);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 24 * 3600_000);
  });

  it('sends the patient to log in, back to where they were, when the server refuses the token', async () => {
    saveSession({
      token: 'not-a-token',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      accountId: 'x',
    });
    const err = await api.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(currentSession()).toBeNull();
    expect(navigations).toEqual([
      { kind: 'navigateTo', url: `/pages/login/index?back=${encodeURIComponent('/packages/order/detail')}` },
    ]);
  });

  it('asks for a login without calling the server when there is no session', async () => {
    await expect(api.patients()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(navigations).toHaveLength(1);
  });

  it('passes field messages of a refused form on', async () => {
    await loginAsNewUser();
    const err = (await api
      .addPatient({ documentType: 'id-card', name: '王', idNumber: '123', phone: '12', relation: 'self' })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fieldMessage('phone')).toBe('请输入正确的 11 位手机号');
    expect(err.fieldMessage('idNumber')).toBe('请输入 18 位居民身份证号码');
  });

  it('makes idempotency keys the server accepts and that differ per attempt', () => {
    const keys = new Set(Array.from({ length: 1000 }, newIdempotencyKey));
    expect(keys.size).toBe(1000);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
