import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { addChildPatient, addVerifiedPatient, apiOfPage, openSession, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { findOpenSession } from './support/prepare.js';
import { publishAgreement } from './support/publish-agreement.js';
import { bffUrl } from './support/real-bff.js';

const NEEDED = [...HOOKS.login, ...HOOKS.patient, ...HOOKS.child, ...HOOKS.search, ...HOOKS.booking, ...HOOKS.consent];

describeJourney('a child without a document, and an updated 隐私政策', NEEDED, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('adds the account holder, then a child through them, and books for the child', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition));
      const phone = makePhone();
      await smsLogin(page, api, edition, phone);
      await addVerifiedPatient(page, edition, '王秀英', phone);
      await addChildPatient(page, edition, { name: '王小宝', birthDate: '2021-03-04' }, phone);
      const card = hook(page, 'patient-item').filter({ hasText: '王小宝' }).first();
      expect(await card.getByTestId('patient-document').textContent()).toBe('儿童 · 随监护人实名');
      expect(await card.getByTestId('patient-verified').count()).toBe(1);
      await checkPage(page, edition, 'patients-with-child');

      await openSession(page, edition, target);
      await hook(page, 'booking-patient').filter({ hasText: '王小宝' }).first().click();
      await hook(page, 'booking-rules-agree').click();
      await hook(page, 'booking-submit').click();
      await hook(page, 'order-visit-time').waitFor();
      const orders = await (await apiOfPage(page, api)).call<{ items: { patient: { name: string } }[] }>(
        'GET',
        '/api/v1/orders',
      );
      expect(orders.items.map((o) => o.patient.name)).toEqual(['王小宝']);
      await page.close();
    });

    it('asks for a newly published 隐私政策 when the app opens, and lets the patient on once accepted', async () => {
      const api = new Api(bffUrl(edition));
      const page = await newPhonePage(browser, bffUrl(edition));
      await smsLogin(page, api, edition, makePhone());
      const version = `e2e-${Date.now()}`;
      publishAgreement(edition, {
        kind: 'privacy',
        version,
        title: '预约挂号统一平台隐私政策',
        body: '一、更新说明\n本次更新补充了无证件儿童随监护人实名的说明。',
      });
      expect(
        (await (await apiOfPage(page, api)).call<{ pendingAgreements: string[] }>('GET', '/api/v1/me'))
          .pendingAgreements,
      ).toEqual(['privacy']);

      await page.goto(ROUTES.me);
      await hook(page, 'consent-page').waitFor();
      expect(await hook(page, 'consent-page').textContent()).toContain('《隐私政策》已更新');
      await checkPage(page, edition, 'consent', { targets: hookSelector('consent-accept') });
      await hook(page, 'consent-accept').click();
      await hook(page, 'me-account').waitFor();
      await settle(page);
      expect(
        (await (await apiOfPage(page, api)).call<{ pendingAgreements: string[] }>('GET', '/api/v1/me'))
          .pendingAgreements,
      ).toEqual([]);

      await hook(page, 'me-privacy').click();
      await hook(page, 'agreement-version').waitFor();
      expect(await hook(page, 'agreement-version').textContent()).toContain(version);
      await checkPage(page, edition, 'agreement');
      await page.close();
    });
  });
});
