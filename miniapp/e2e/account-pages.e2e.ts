import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';

const NEEDED = [...HOOKS.login, ...HOOKS.account, ...HOOKS.content];

/** The pages around the booking: 我的, change phone, announcements, help, and logging out. */
describeJourney('account and content pages in the browser', NEEDED, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('我的 → announcements → an announcement → help (answer open) → change phone → log out', async () => {
      const api = new Api(bffUrl(edition));
      const page = await newPhonePage(browser, bffUrl(edition));
      const phone = makePhone();
      await smsLogin(page, api, edition, phone);

      await page.goto(ROUTES.me);
      await waitUntil(
        () => hook(page, 'me-phone').textContent(),
        (t) => (t ?? '').includes(`${phone.slice(0, 3)}****${phone.slice(7)}`),
        'the masked phone on 我的',
      );
      await checkPage(page, edition, 'me', { targets: '[data-testid="me-patients"]' });

      await hook(page, 'me-announcements').click();
      await hook(page, 'announcement-item').first().waitFor();
      await checkPage(page, edition, 'announcements');
      const title = (await hook(page, 'announcement-item').first().locator('.content__title').textContent()) ?? '';
      await hook(page, 'announcement-item').first().click();
      await waitUntil(
        () => hook(page, 'announcement-detail').textContent(),
        (t) => (t ?? '').includes(title),
        'the announcement in full',
      );
      await checkPage(page, edition, 'announcement');

      await page.goto(ROUTES.me);
      await hook(page, 'me-help').click();
      await hook(page, 'help-question').first().click();
      await hook(page, 'help-answer').waitFor();
      await checkPage(page, edition, 'help', { targets: '[data-testid="help-question"]' });

      await page.goto(ROUTES.me);
      await hook(page, 'me-phone-change').click();
      await hook(page, 'phone-new').waitFor();
      await checkPage(page, edition, 'change-phone', { targets: '[data-testid="phone-save"]' });

      await page.goto(ROUTES.me);
      await hook(page, 'me-logout').click();
      await hook(page, 'me-logout-confirm').click();
      await hook(page, 'me-login').waitFor();
      await settle(page);
      await checkPage(page, edition, 'me-logged-out');
      await page.context().close();
    });
  });
});
