import type { Page } from 'playwright-core';

export interface MeasuredText {
  text: string;
  selector: string;
  fontSizePx: number;
  /** Computed line height divided by the font size ('normal' counts as 1.2, what browsers use). */
  lineHeightRatio: number;
  contrast: number;
}

export interface MeasuredBox {
  text: string;
  selector: string;
  widthPx: number;
  heightPx: number;
}

export interface PageMeasurements {
  texts: MeasuredText[];
  keyFigures: MeasuredText[];
  targets: MeasuredBox[];
}

/**
 * The whole screen: the visible Taro page (with its fixed footer and, on H5, the back header) and
 * Taro's H5 tab bar, which is drawn outside the page (hidden on pages that are no tab).
 */
export const SCREEN_ROOT = '.taro_page, .taro-tabbar__tabbar';

export interface MeasureSelectors {
  /** Where the page's content is (the whole screen by default: SCREEN_ROOT). */
  root?: string;
  /** Key figures (visit time, queue number …) that must reach the larger size. */
  keyFigures?: string;
  /** Main touch targets. */
  targets?: string;
}

/** Buttons (Taro renders <Button> as taro-button-core) and elements that say they are buttons or links. */
export const DEFAULT_TARGETS = 'taro-button-core, button, [role="button"], a[href]';

/**
 * Reads font sizes, line heights, text contrast and touch-target sizes from the rendered page.
 * Every visible element with text of its own counts as text; its contrast is computed against the
 * first opaque background behind it (semi-transparent layers composited on the way).
 */
export async function measurePage(page: Page, selectors: MeasureSelectors = {}): Promise<PageMeasurements> {
  return page.evaluate(
    ({ root, keyFigures, targets }) => {
      type Rgba = [number, number, number, number];
      const parse = (c: string): Rgba => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return [0, 0, 0, 0];
        const p = m[1]!
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
      };
      const over = (top: Rgba, bottom: Rgba): Rgba => {
        const a = top[3] + bottom[3] * (1 - top[3]);
        if (a === 0) return [0, 0, 0, 0];
        const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
        return [mix(0), mix(1), mix(2), a];
      };
      const background = (el: Element): Rgba => {
        const layers: Rgba[] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const bg = parse(getComputedStyle(e).backgroundColor);
          if (bg[3] > 0) layers.push(bg);
          if (bg[3] >= 1) break;
        }
        return layers.reduceRight<Rgba>((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
      };
      const luminance = ([r, g, b]: Rgba) => {
        const ch = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
      };
      const contrastOf = (el: Element) => {
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
        return (l1 + 0.05) / (l2 + 0.05);
      };
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return (
          r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
        );
      };
      const describe = (el: Element) => {
        const id = el.getAttribute('data-testid');
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
        return `${el.tagName.toLowerCase()}${id ? `[data-testid="${id}"]` : ''}${cls ? `.${cls}` : ''}`;
      };
      const ownText = (el: Element) =>
        [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
      const measureText = (el: Element) => {
        const s = getComputedStyle(el);
        const fontSizePx = parseFloat(s.fontSize);
        const lh = s.lineHeight === 'normal' ? 1.2 * fontSizePx : parseFloat(s.lineHeight);
        return {
          text: (ownText(el) || el.textContent || '').trim().slice(0, 40),
          selector: describe(el),
          fontSizePx,
          lineHeightRatio: lh / fontSizePx,
          contrast: contrastOf(el),
        };
      };
      const scopes = [...document.querySelectorAll(root)].filter(visible);
      const inScope = (sel: string) => scopes.flatMap((s) => [...s.querySelectorAll(sel)]).filter(visible);
      return {
        texts: inScope('*')
          .filter((el) => ownText(el).length > 0)
          .map(measureText),
        keyFigures: keyFigures ? inScope(keyFigures).map(measureText) : [],
        targets: inScope(targets).map((el) => {
          const r = el.getBoundingClientRect();
          return {
            text: (el.textContent ?? '').trim().slice(0, 40),
            selector: describe(el),
            widthPx: r.width,
            heightPx: r.height,
          };
        }),
      };
    },
    {
      root: selectors.root ?? SCREEN_ROOT,
      keyFigures: selectors.keyFigures ?? '',
      targets: selectors.targets ?? DEFAULT_TARGETS,
    },
  );
}
