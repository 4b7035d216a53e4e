import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ELDER_MINIMUMS as MIN } from './elder-minimums.js';
import { measurePage, type MeasureSelectors, type PageMeasurements } from './elder-measure.js';
import { ARTIFACTS_DIR } from './paths.js';

const fmt = (n: number) => Math.round(n * 100) / 100;

/** Every way a page's measurements fall short of the elder edition's minimums, one line each. */
export function elderShortfalls(m: PageMeasurements): string[] {
  const out: string[] = [];
  for (const t of m.texts) {
    if (t.fontSizePx < MIN.mainTextPx)
      out.push(`text "${t.text}" (${t.selector}) is ${fmt(t.fontSizePx)}px < ${fmt(MIN.mainTextPx)}px`);
    if (t.lineHeightRatio < MIN.lineHeight)
      out.push(`text "${t.text}" (${t.selector}) has line height ${fmt(t.lineHeightRatio)} < ${MIN.lineHeight}`);
    if (t.contrast < MIN.contrast)
      out.push(`text "${t.text}" (${t.selector}) has contrast ${fmt(t.contrast)}:1 < ${MIN.contrast}:1`);
  }
  for (const k of m.keyFigures) {
    if (k.fontSizePx < MIN.keyFigurePx)
      out.push(`key figure "${k.text}" (${k.selector}) is ${fmt(k.fontSizePx)}px < ${fmt(MIN.keyFigurePx)}px`);
  }
  for (const b of m.targets) {
    if (b.widthPx < MIN.touchTargetPx || b.heightPx < MIN.touchTargetPx) {
      out.push(
        `touch target "${b.text}" (${b.selector}) is ${fmt(b.widthPx)}×${fmt(b.heightPx)}px ` +
          `< ${fmt(MIN.touchTargetPx)}×${fmt(MIN.touchTargetPx)}px`,
      );
    }
  }
  return out;
}

export interface ElderReport {
  page: string;
  minTextPx: number;
  minLineHeight: number;
  minContrast: number;
  minKeyFigurePx: number | null;
  smallestTarget: string | null;
  texts: number;
  keyFigures: number;
  targets: number;
}

function summarise(pageName: string, m: PageMeasurements): ElderReport {
  const min = (xs: number[]) => (xs.length ? fmt(Math.min(...xs)) : Number.NaN);
  const smallest = [...m.targets].sort((a, b) => Math.min(a.widthPx, a.heightPx) - Math.min(b.widthPx, b.heightPx))[0];
  return {
    page: pageName,
    minTextPx: min(m.texts.map((t) => t.fontSizePx)),
    minLineHeight: min(m.texts.map((t) => t.lineHeightRatio)),
    minContrast: min(m.texts.map((t) => t.contrast)),
    minKeyFigurePx: m.keyFigures.length ? min(m.keyFigures.map((k) => k.fontSizePx)) : null,
    smallestTarget: smallest ? `${fmt(smallest.widthPx)}×${fmt(smallest.heightPx)} "${smallest.text}"` : null,
    texts: m.texts.length,
    keyFigures: m.keyFigures.length,
    targets: m.targets.length,
  };
}

/**
 * Measures the rendered page and fails when any text, key figure or touch target is below the
 * elder minimums. `expect` says how many key figures and targets the page must have, so a wrong
 * selector cannot make the check pass on nothing. The figures go to artifacts/elder/measurements.json.
 */
export async function expectElderMinimums(
  page: Page,
  pageName: string,
  selectors: MeasureSelectors & { expectKeyFigures?: number; expectTargets?: number } = {},
): Promise<ElderReport> {
  const m = await measurePage(page, selectors);
  const report = summarise(pageName, m);
  const file = path.join(ARTIFACTS_DIR, 'elder', 'measurements.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const all: ElderReport[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ElderReport[]) : [];
  fs.writeFileSync(file, JSON.stringify([...all, report], null, 2));

  const problems = elderShortfalls(m);
  if (m.texts.length === 0) problems.push('no visible text found in the page (wrong root selector?)');
  if (selectors.expectKeyFigures !== undefined && m.keyFigures.length < selectors.expectKeyFigures) {
    problems.push(
      `expected ≥ ${selectors.expectKeyFigures} key figure(s) matching ${selectors.keyFigures}, ` +
        `found ${m.keyFigures.length}`,
    );
  }
  if (selectors.expectTargets !== undefined && m.targets.length < selectors.expectTargets) {
    problems.push(`expected ≥ ${selectors.expectTargets} touch target(s), found ${m.targets.length}`);
  }
  if (problems.length) throw new Error(`elder edition minimums not met on ${pageName}:\n${problems.join('\n')}`);
  return report;
}
