import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import type { ArtifactFolder } from './editions.js';
import { ARTIFACTS_DIR } from './paths.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Impacts that fail a page. */
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeSummary {
  page: string;
  violations: { id: string; impact: string | null; nodes: number; help: string }[];
  passes: number;
}

/** Runs axe-core (WCAG 2.x A/AA rules, best practices) inside the page as rendered now. */
export async function runAxe(page: Page): Promise<AxeResults> {
  // Evaluated by the browser's debugging protocol, not as a <script>: the app's Content-Security-Policy
  // (which allows no inline script but its own, by hash) stays in force for everything the app does.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
}

const describe = (v: Result) =>
  `${v.impact}: ${v.id} (${v.help}) on ${v.nodes.length} element(s): ` +
  v.nodes
    .slice(0, 3)
    .map((n) => `${n.target.join(' ')} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    .join(' | ');

/**
 * Checks the page with axe and fails on any serious or critical violation; every result is also
 * appended to artifacts/<edition>/axe.json for the report.
 */
export async function expectNoSeriousAxeViolations(
  page: Page,
  edition: ArtifactFolder,
  pageName: string,
): Promise<AxeSummary> {
  const results = await runAxe(page);
  const summary: AxeSummary = {
    page: pageName,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      nodes: v.nodes.length,
      help: v.help,
    })),
    passes: results.passes.length,
  };
  const file = path.join(ARTIFACTS_DIR, edition, 'axe.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const all: AxeSummary[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as AxeSummary[]) : [];
  fs.writeFileSync(file, JSON.stringify([...all, summary], null, 2));
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length > 0)
    throw new Error(
      `axe found serious/critical violations on ${pageName} (${edition}):\n${blocking.map(describe).join('\n')}`,
    );
  return summary;
}
