/**
 * The elder edition's figures from the issue, in CSS px as measured in the browser.
 *
 * The issue gives them in pt: main text ≥ 18 pt, key figures ≥ 30 pt, touch targets ≥ 60×60 pt.
 * They come from the MIIT elder-friendly app guideline (移动互联网应用适老化通用设计规范), which
 * writes "dp/pt": the device-independent point of iOS (pt) and Android (dp), not the printer's
 * 1/72 inch. On a page with `width=device-width` one such point is one CSS px, so here
 * 18 pt = 18 px, 30 pt = 30 px and 60 pt = 60 px.
 *
 * The app's own units agree (config/index.ts: designWidth 750, deviceRatio 750 → 1): design px
 * become rpx in the mini-programs (750 rpx = screen width, so 2 rpx = 1 pt on the 375 pt
 * reference phone) and rem on H5, where the page script sets the root font size to 40·w/750 px
 * (clamped to 20–40 px) with 1 rem = 40 design px. So 18 pt is written as 36 design px (what
 * app.scss uses for the elder base font), 30 pt as 60 and 60 pt as 120.
 *
 * Reading pt as the typographic point instead (1/72 in = 4/3 CSS px: 24 / 40 / 80 px, WCAG's
 * "large text") would ask about a third more; set CSS_PX_PER_PT to 4 / 3 to check that reading.
 */
export const CSS_PX_PER_PT = 1;

export const ELDER_MINIMUMS = {
  /** Main text, 18 pt. */
  mainTextPx: 18 * CSS_PX_PER_PT,
  /** Key figures such as the visit time, 30 pt. */
  keyFigurePx: 30 * CSS_PX_PER_PT,
  /** Line spacing as a multiple of the font size. */
  lineHeight: 1.3,
  /** WCAG contrast ratio of text against its background. */
  contrast: 4.5,
  /** Both sides of a main touch target, 60 pt. */
  touchTargetPx: 60 * CSS_PX_PER_PT,
} as const;
