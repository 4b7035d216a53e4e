import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { addVerifiedPatient, apiOfPage, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { findOpenSession } from './support/prepare.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';
import { watchPageErrors } from './support/on-screen.js';

const NEEDED = [...HOOKS.login, ...HOOKS.patient, ...HOOKS.records];

/**
 * Waits for the first visible element of `items`; meanwhile an empty list is asked again
 * (重新查询): the hospital learns of a new patient from the booking's push, a moment after booking.
 */
async function waitForList(page: Page, items: Locator, what: string): Promise<void> {
  await waitUntil(
    async () => {
      if (await items.count()) return true;
      const refresh = hook(page, 'records-refresh');
      const retry = page.getByTestId('state-retry').filter({ visible: true });
      if (await refresh.count()) await refresh.first().click();
      else if (await retry.count()) await retry.first().click();
      await page.waitForTimeout(800);
      return (await items.count()) > 0;
    },
    (found) => found,
    what,
    40_000,
  );
}

/** The width the browser decoded the study's image at (0 while it has not loaded). */
const naturalWidth = (page: Page) =>
  hook(page, 'study-image')
    .first()
    .evaluate((el) => {
      const img = el.tagName === 'IMG' ? (el as HTMLImageElement) : el.querySelector('img');
      return img?.complete ? img.naturalWidth : 0;
    });

const imageSrc = (page: Page) =>
  hook(page, 'study-image')
    .first()
    .evaluate((el) => (el.tagName === 'IMG' ? (el as HTMLImageElement) : el.querySelector('img'))?.src ?? '');

describeJourney('reports and imaging in the browser', NEEDED, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('booked patient → 报告查询 → a flagged result and the disclaimer → 影像查询 → CT → window → share', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition));
      const phone = makePhone();
      const errors = watchPageErrors(page);

      await smsLogin(page, api, edition, phone);
      await addVerifiedPatient(page, edition, '李建国', phone);
      // The booking is what makes the hospital know the patient (its push registers them there).
      const me = await apiOfPage(page, api);
      const { items: patients } = await me.call<{ items: { id: string; name: string }[] }>('GET', '/api/v1/patients');
      const patient = patients.find((p) => p.name === '李建国')!;
      await me.book(target.schedule.id, patient.id);

      // 报告查询 from the home page: the lab reports of the hospitals the patient booked at.
      await page.goto('/');
      await hook(page, 'home-reports').click();
      await settle(page);
      const reports = hook(page, 'report-item');
      await waitForList(page, reports, 'the patient’s lab reports');
      await checkPage(page, edition, 'reports', { targets: hookSelector('report-item') });

      // A report with abnormal items shows them flagged in words, with the disclaimer.
      const flagged = reports.filter({ has: page.getByTestId('report-abnormal').filter({ hasText: '异常' }) });
      await flagged.first().click();
      await settle(page);
      await hook(page, 'report-item-flag').first().waitFor();
      const flags = await hook(page, 'report-item-flag').allTextContents();
      // In words (a qualitative item, e.g. 尿蛋白 阳性, is 异常), never by colour alone.
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.every((t) => /^(偏高|偏低|危急（偏高）|危急（偏低）|异常)/.test(t))).toBe(true);
      await hook(page, 'report-disclaimer').scrollIntoViewIfNeeded();
      expect(await hook(page, 'report-disclaimer').textContent()).toContain('仅供参考');
      await checkPage(page, edition, 'report');

      // An exam report's original PDF: fetched with the session and handed over as a file.
      await page.goBack();
      await settle(page);
      await hook(page, 'reports-category').and(page.locator('[data-value="exam"]')).click();
      const exams = hook(page, 'report-item');
      await waitForList(page, exams, 'the patient’s exam reports');
      await exams.first().click();
      await settle(page);
      const [download] = await Promise.all([page.waitForEvent('download'), hook(page, 'report-pdf').click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const pdf = fs.readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // 影像查询: a CT study, its image, a window preset, a share with its access code.
      await page.goto('/');
      await hook(page, 'home-imaging').click();
      await settle(page);
      const ct = hook(page, 'study-item').and(page.locator('[data-modality="CT"]'));
      await waitForList(page, ct, 'a CT study of the patient');
      await checkPage(page, edition, 'imaging', { targets: hookSelector('study-item') });
      await ct.first().click();
      await settle(page);
      await hook(page, 'study-image').first().waitFor();
      await waitUntil(
        () => naturalWidth(page),
        (w) => w > 0,
        'the study’s image to load',
      );
      await checkPage(page, edition, 'study', { targets: hookSelector('study-next') });

      const preset = hook(page, 'study-window').and(page.locator(':not([data-value=""])')).first();
      const presetId = (await preset.getAttribute('data-value')) ?? '';
      expect(presetId).not.toBe('');
      await preset.click();
      await waitUntil(
        () => imageSrc(page),
        (src) => src.includes(`window=${presetId}`),
        'the windowed image url',
      );
      await waitUntil(
        () => naturalWidth(page),
        (w) => w > 0,
        'the windowed image to load',
      );
      expect(
        await hook(page, 'study-window')
          .and(page.locator(`[data-value="${presetId}"]`))
          .getAttribute('aria-checked'),
      ).toBe('true');
      await hook(page, 'study-next').click();
      await waitUntil(
        () => hook(page, 'study-position').textContent(),
        (t) => (t ?? '').startsWith('2 /'),
        'the second image of the series',
      );
      await waitUntil(
        () => naturalWidth(page),
        (w) => w > 0,
        'the next image to load',
      );

      await hook(page, 'share-create').scrollIntoViewIfNeeded();
      await hook(page, 'share-create').click();
      await hook(page, 'share-code').waitFor();
      expect(((await hook(page, 'share-code').textContent()) ?? '').trim()).toMatch(/^\d{6}$/);
      await hook(page, 'share-code').scrollIntoViewIfNeeded();
      await checkPage(page, edition, 'study-shared', { keyFigures: hookSelector('share-code') });

      // 我的影像分享: the share, then 取消分享 ends it.
      await hook(page, 'share-list').click();
      await settle(page);
      await hook(page, 'share-item').first().waitFor();
      await checkPage(page, edition, 'shares', { targets: hookSelector('share-revoke') });
      await hook(page, 'share-revoke').first().click();
      await waitUntil(
        () => hook(page, 'share-item').first().getAttribute('data-active'),
        (a) => a === 'false',
        'the share to show as cancelled',
      );
      const { items: shares } = await me.call<{ items: { revokedAt: string | null }[] }>(
        'GET',
        `/api/v1/patients/${patient.id}/shares`,
      );
      expect(shares[0]?.revokedAt).not.toBeNull();
      expect(errors).toEqual([]);
      await page.context().close();
    });
  });
});
