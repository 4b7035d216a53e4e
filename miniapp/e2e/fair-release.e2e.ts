import type { Browser } from 'playwright-core';
import type { Order } from '@cityhealth/shared-types';
import { Api, ApiFailure } from './support/api.js';
import { hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { addVerifiedPatient, apiOfPage, smsLogin } from './support/flows.js';
import { hisHospital, publishSessions } from './support/hospital-interface.js';
import { makePhone } from './support/id-number.js';
import { bffUrl, FAIR_RELEASE_WINDOW_MS } from './support/real-bff.js';
import { saveScreenshot } from './support/screenshots.js';

const DRAW_HOOKS = [...HOOKS.login, ...HOOKS.patient, ...HOOKS.booking, ...HOOKS.orders, ...HOOKS.draws];

/** From publishing the session to its release: the confirm page is opened, filled in and checked before it. */
const LEAD_MS = 20_000;
const DAY_MS = 86_400_000;
const shanghaiDate = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * DAY_MS).toISOString().slice(0, 10);

describeJourney(
  'a session released with a fair draw: the notice before, 抽签中 in the window, the result, and 我的预约’s 放号抽签',
  DRAW_HOOKS,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());

    describe.each(EDITIONS)('%s edition', (edition) => {
      it('confirm page before the release → 公平放号 → release → 确认预约 → 抽签中 → result → 放号抽签 中签 / 未中签', async () => {
        const api = new Api(bffUrl(edition));
        const page = await newPhonePage(browser, bffUrl(edition));
        const phone = makePhone();
        await page.goto(ROUTES.home);
        await smsLogin(page, api, edition, phone);
        await addVerifiedPatient(page, edition, '赵桂英', phone);
        // a second patient of the same account enters the same draw through the API: one slot, two
        // persons, so one ticket wins and the other loses, whichever the seeded order puts first
        const account = await apiOfPage(page, api);
        const relative = await account.addVerifiedPatient('赵建国');

        const hospital = hisHospital();
        const releaseAt = Date.now() + LEAD_MS;
        const code = `E2E-DRAW-${releaseAt}`;
        const ids = await publishSessions(api, hospital, [
          {
            hisScheduleId: code,
            hisDepartmentCode: hospital.doctor.hisDepartmentCode,
            hisDoctorCode: hospital.doctor.hisDoctorCode,
            date: shanghaiDate(3),
            period: 'evening',
            type: 'special',
            feeFen: 10_000,
            capacity: 1,
            releaseAt: new Date(releaseAt).toISOString(),
          },
        ]);
        const scheduleId = ids.get(code)!;

        // before the release: the confirm page says the first seconds are drawn
        await page.goto(`${ROUTES.confirm}?scheduleId=${encodeURIComponent(scheduleId)}`);
        await hook(page, 'booking-fair-draw').waitFor();
        expect(await hook(page, 'booking-fair-draw').textContent()).toContain(
          `公平放号：放号后 ${FAIR_RELEASE_WINDOW_MS / 1000} 秒内提交的预约统一抽签决定`,
        );
        await hook(page, 'booking-patient').filter({ hasText: '赵桂英' }).first().click();
        await hook(page, 'booking-rules-agree').click();
        // the notice in the screenshot (choosing the patient scrolled the page below it)
        await hook(page, 'booking-fair-draw').scrollIntoViewIfNeeded();
        await checkPage(page, edition, 'draw-confirm', { targets: hookSelector('booking-submit') });
        if (Date.now() >= releaseAt)
          throw new Error(`the confirm page took longer than ${LEAD_MS} ms to check: the release came first`);

        // the release: both patients ask in the window, the page waits for the draw
        await page.waitForTimeout(releaseAt + 200 - Date.now());
        const second = account.book(scheduleId, relative.id).then(
          (order): { order: Order } | { refusal: string } => ({ order }),
          (e: unknown) => {
            if (e instanceof ApiFailure) return { refusal: e.code };
            throw e;
          },
        );
        await hook(page, 'booking-submit').click();
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.textContent?.includes('抽签中'),
          hookSelector('booking-submit'),
          { timeout: FAIR_RELEASE_WINDOW_MS },
        );
        await saveScreenshot(page, edition, 'draw-waiting');
        // still waiting after the screenshot: it shows 抽签中
        expect(await hook(page, 'booking-submit').textContent()).toContain('抽签中');

        // decided: the booking's page, or the refusal on the confirm page
        const result = hook(page, 'order-visit-time').or(hook(page, 'booking-error')).first();
        await result.waitFor({ timeout: 15_000 });
        const won = (await hook(page, 'order-visit-time').count()) > 0;
        if (won) {
          await checkPage(page, edition, 'draw-won', { keyFigures: hookSelector('order-visit-time') });
        } else {
          expect(await hook(page, 'booking-error').textContent()).toBe('号源已约满，请选择其他时段');
          await checkPage(page, edition, 'draw-lost', { targets: hookSelector('booking-submit') });
        }
        const other = await second;
        expect('order' in other).toBe(!won);
        if (!('order' in other)) expect(other.refusal).toBe('SLOT_GONE');

        // 我的预约: the draw's section above the bookings, one ticket won and one lost
        await page.goto(ROUTES.orders);
        await hook(page, 'draw-tickets').waitFor();
        const cards = hook(page, 'draw-ticket');
        expect(await cards.count()).toBe(2);
        expect((await hook(page, 'draw-ticket-state').allTextContents()).sort()).toEqual(['中签', '未中签']);
        for (const text of await cards.allTextContents()) {
          expect(text).toContain(hospital.name);
          expect(text).toContain(hospital.doctor.name);
          expect(text).toContain('晚间');
        }
        const lost = cards.filter({ hasText: '未中签' });
        expect(await lost.textContent()).toContain(won ? '赵建国' : '赵桂英');
        expect(await lost.getByTestId('draw-ticket-note').textContent()).toBe('未约上：号源已被抽完');
        await checkPage(page, edition, 'orders-draws', { targets: hookSelector('draw-ticket-order') });

        // the won ticket opens its booking
        await hook(page, 'draw-ticket-order').click();
        await settle(page);
        await hook(page, 'order-visit-time').waitFor();
        expect(await hook(page, 'order-status').first().textContent()).toContain('预约成功');
        await checkPage(page, edition, 'draw-order', { keyFigures: hookSelector('order-visit-time') });
        await page.context().close();
      });
    });
  },
);
