import type { Browser, Page } from 'playwright-core';
import type { HospitalSummary } from '@cityhealth/shared-types';
import { Api } from './support/api.js';
import { expectNoSeriousAxeViolations } from './support/axe.js';
import { describeInBrowser, launchBrowser, newPhonePage, settle } from './support/browser.js';
import { EDITIONS } from './support/editions.js';
import { expectElderMinimums } from './support/elder-checks.js';
import { bffUrl } from './support/real-bff.js';
import { saveScreenshot } from './support/screenshots.js';

/** The H5 app served by the real BFF opens on a phone and shows the hospitals the API lists. */
describeInBrowser('H5 home page against the real BFF', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    let page: Page;
    let hospitals: HospitalSummary[];
    beforeAll(async () => {
      hospitals = (
        await new Api(bffUrl(edition)).call<{ items: HospitalSummary[] }>('GET', '/api/v1/hospitals?pageSize=5')
      ).items;
      page = await newPhonePage(browser, bffUrl(edition));
      await page.goto('/');
      await settle(page);
    });
    afterAll(async () => page?.context().close());

    it('lists hospitals from the API', async () => {
      expect(hospitals.length).toBeGreaterThan(0);
      await page.getByText(hospitals[0]!.name, { exact: false }).first().waitFor({ state: 'visible' });
      await saveScreenshot(page, edition, 'home');
    });

    it('has no serious or critical accessibility violations', async () => {
      await expectNoSeriousAxeViolations(page, edition, 'home');
    });

    if (edition === 'elder') {
      it('meets the elder minimums for text size, line spacing and contrast', async () => {
        await expectElderMinimums(page, 'home');
      });
    }
  });
});
