import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from './axe.js';
import { settle } from './browser.js';
import type { Edition } from './editions.js';
import { expectElderMinimums } from './elder-checks.js';
import { saveScreenshot } from './screenshots.js';

export interface PageCheckOptions {
  /** Key figures of this page (elder edition: ≥ 30 pt), e.g. the visit time. */
  keyFigures?: string;
  /** Main touch targets of this page (elder edition: ≥ 60×60 pt). */
  targets?: string;
}

/**
 * What every page of a journey goes through once it shows: a screenshot, axe-core, and in the
 * elder edition the measured minimums.
 */
export async function checkPage(page: Page, edition: Edition, name: string, o: PageCheckOptions = {}): Promise<void> {
  await settle(page);
  await saveScreenshot(page, edition, name);
  await expectNoSeriousAxeViolations(page, edition, name);
  if (edition === 'elder') {
    await expectElderMinimums(page, name, {
      ...(o.keyFigures ? { keyFigures: o.keyFigures, expectKeyFigures: 1 } : {}),
      ...(o.targets ? { targets: o.targets, expectTargets: 1 } : {}),
    });
  }
}
