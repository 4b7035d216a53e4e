import type { Page } from 'playwright-core';

/**
 * Whether the first element with `testId` is where the eye is: inside the viewport, and the
 * topmost element at its centre is it or inside it (not hidden under the fixed footer or anything else).
 */
export async function isOnScreen(page: Page, testId: string): Promise<boolean> {
  // The visible one: Taro's H5 router keeps the pages below in the DOM, hidden.
  return page
    .getByTestId(testId)
    .filter({ visible: true })
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, 20);
      if (r.width === 0 || r.height === 0 || x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight)
        return false;
      const top = document.elementFromPoint(x, y);
      return top !== null && (top === el || el.contains(top));
    });
}

/**
 * Collects what the page reports as broken: uncaught errors
 * and console errors (other than the answers a test provokes).
 */
export function watchPageErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every 4xx answer as "Failed to load resource": those are the refusals under test.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      seen.push(`console.error: ${m.text()}`);
  });
  return seen;
}
