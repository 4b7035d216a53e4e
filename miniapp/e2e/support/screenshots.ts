import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ArtifactFolder } from './editions.js';
import { ARTIFACTS_DIR } from './paths.js';

/**
 * Saves a full-page screenshot as `artifacts/<edition>/<nn>-<page>.png`, numbered in the order
 * taken over the whole run (the files run one at a time and the global set-up empties the folder),
 * so each edition's folder reads as the journey.
 */
export async function saveScreenshot(page: Page, edition: ArtifactFolder, pageName: string): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, edition);
  fs.mkdirSync(dir, { recursive: true });
  const taken = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).length;
  const file = path.join(dir, `${String(taken + 1).padStart(2, '0')}-${pageName}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
