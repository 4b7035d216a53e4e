import type Koa from 'koa';
import { clearStaffCookie, setStaffCookie } from '../../src/http/middleware/staff-auth.js';

/** Production is https only: there the session cookie is Secure; the sandbox on 127.0.0.1 is plain http. */
describe('the console session cookie', () => {
  const written = (write: (ctx: Koa.Context) => void) => {
    const headers: string[] = [];
    write({ append: (_name: string, value: string) => headers.push(value) } as unknown as Koa.Context);
    return headers;
  };

  it('is Secure in production, and so is its clearing', () => {
    expect(written((ctx) => setStaffCookie(ctx, 'tok', true))).toEqual([
      'staff_session=tok; Path=/api/v1/console; HttpOnly; SameSite=Strict; Secure',
    ]);
    expect(written((ctx) => clearStaffCookie(ctx, true))).toEqual([
      'staff_session=; Path=/api/v1/console; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    ]);
  });

  it('is HttpOnly and SameSite=Strict without Secure in sandbox mode', () => {
    expect(written((ctx) => setStaffCookie(ctx, 'tok', false))).toEqual([
      'staff_session=tok; Path=/api/v1/console; HttpOnly; SameSite=Strict',
    ]);
  });
});
