import type { Browser } from 'playwright-core';
import type {
  DepartmentSchedules,
  HospitalDetail,
  HospitalSummary,
  SearchResult,
  ScheduleSummary,
} from '@cityhealth/shared-types';
import { Api } from './support/api.js';
import { fillHook, hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { watchPageErrors } from './support/on-screen.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';

const NEEDED = [...HOOKS.search, ...HOOKS.doctors];
const QUERY = '心内科';

interface DoctorTarget {
  departmentId: string;
  schedule: ScheduleSummary & { doctor: NonNullable<ScheduleSummary['doctor']> };
}

/** A department the search for 心内科 lists (through the alias) with an open session of a named doctor. */
async function findDoctorTarget(api: Api): Promise<DoctorTarget> {
  const now = Date.now();
  const found = await api.call<SearchResult>('GET', `/api/v1/search?q=${encodeURIComponent(QUERY)}`);
  for (const d of found.departments) {
    const { schedules } = await api.call<DepartmentSchedules>('GET', `/api/v1/departments/${d.id}/schedules`);
    const schedule = schedules.find(
      (s) =>
        s.doctor !== null &&
        s.status === 'open' &&
        s.freeCount > 0 &&
        Date.parse(s.releaseAt) <= now &&
        Date.parse(s.bookingClosesAt) > now,
    );
    if (schedule?.doctor) return { departmentId: d.id, schedule: { ...schedule, doctor: schedule.doctor } };
  }
  throw new Error(`no department found by ${QUERY} with an open session of a named doctor`);
}

const DAY_MS = 86_400_000;
/** A Shanghai calendar date `days` after `date`. */
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A department of a hospital releasing 10 days ahead or fewer: the page's later days are still to open. */
async function departmentReleasingLater(api: Api): Promise<{ id: string; hospital: HospitalDetail }> {
  const { items } = await api.call<{ items: HospitalSummary[] }>('GET', '/api/v1/hospitals?pageSize=50');
  for (const h of items.filter((x) => x.releaseRule.daysAhead <= 10)) {
    const hospital = await api.call<HospitalDetail>('GET', `/api/v1/hospitals/${h.id}`);
    const first = hospital.departments.flatMap((g) => g.children)[0];
    if (first) return { id: first.id, hospital };
  }
  throw new Error('no demo hospital releasing 10 days ahead or fewer');
}

/** The search in patients' words: 心内科 finds 心血管内科, whose doctor's page books a session. */
describeJourney('search 心内科 → department → doctor → confirm in the browser', NEEDED, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('finds 心血管内科 by 心内科, filters by a doctor, opens the doctor, reaches the confirm page', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findDoctorTarget(api);
      const { doctor } = target.schedule;
      const page = await newPhonePage(browser, bffUrl(edition));
      const errors = watchPageErrors(page);

      await page.goto(ROUTES.home);
      await fillHook(page, 'search-input', QUERY);
      const row = page.locator(`[data-testid="department-item"][data-department-id="${target.departmentId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(`即“${QUERY}”`);
      await checkPage(page, edition, 'search-alias', { targets: hookSelector('department-item') });
      await row.click();
      await settle(page);

      await hook(page, 'doctor-chip').first().waitFor();
      const all = hook(page, 'doctor-chip').first();
      expect(await all.textContent()).toBe('全部');
      expect(await all.getAttribute('aria-pressed')).toBe('true');
      await page.locator(`[data-testid="doctor-chip"][data-doctor-id="${doctor.id}"]`).click();
      await hook(page, 'doctor-page-link').waitFor();
      await checkPage(page, edition, 'department-by-doctor', { targets: hookSelector('doctor-chip') });
      await hook(page, 'doctor-page-link').click();

      await waitUntil(
        () => hook(page, 'doctor-name').first().textContent(),
        (t) => t === doctor.name,
        'the doctor page',
      );
      await checkPage(page, edition, 'doctor', { targets: hookSelector('schedule-day') });
      await page
        .locator(`[data-testid="schedule-day"][data-date="${target.schedule.date}"]`)
        .filter({ visible: true })
        .click();
      await page
        .locator(`[data-testid="schedule-item"][data-schedule-id="${target.schedule.id}"]`)
        .filter({ visible: true })
        .click();
      await hook(page, 'booking-login').waitFor();
      expect(page.url()).toContain(`scheduleId=${encodeURIComponent(target.schedule.id)}`);
      await checkPage(page, edition, 'confirm-from-doctor', { targets: hookSelector('booking-login') });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('says when a day not yet released opens: 12月8日 08:30 放号', async () => {
      const api = new Api(bffUrl(edition));
      const { id, hospital } = await departmentReleasingLater(api);
      const { releaseTime, daysAhead } = hospital.releaseRule;
      const later = addDays(shanghaiToday(), 12);
      const [, m, d] = addDays(later, -daysAhead).split('-');
      const page = await newPhonePage(browser, bffUrl(edition));
      await page.goto(`/packages/hospital/department?id=${encodeURIComponent(id)}`);
      const cell = page.locator(`[data-testid="schedule-day"][data-date="${later}"]`).filter({ visible: true });
      await cell.click();
      await waitUntil(
        () => hook(page, 'day-release').first().textContent(),
        (t) => t === `${Number(m)}月${Number(d)}日 ${releaseTime} 放号`,
        'the release time of the day',
      );
      expect(await cell.textContent()).toContain(`${releaseTime}放号`);
      await checkPage(page, edition, 'department-release', { targets: hookSelector('schedule-day') });
      await page.context().close();
    });
  });
});
