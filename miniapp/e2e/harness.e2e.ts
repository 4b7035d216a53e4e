import type { Browser, Page } from 'playwright-core';
import { runAxe } from './support/axe.js';
import { describeInBrowser, launchBrowser, PHONE } from './support/browser.js';
import { elderShortfalls } from './support/elder-checks.js';
import { ELDER_MINIMUMS as MIN } from './support/elder-minimums.js';
import { measurePage } from './support/elder-measure.js';

/**
 * The checks themselves, on pages made to pass and to fail: the measurements read what the browser
 * renders, and a page below the minimums is reported (so a green elder test means something).
 */
/** Sizes just above and clearly below each minimum, in whole CSS px. */
const above = (px: number) => Math.ceil(px * 1.1);
const below = (px: number) => Math.floor(px * 0.8);

const PAGE = (body: string) =>
  [
    '<!doctype html><html lang="zh-CN"><head><title>t</title></head>',
    `<body style="margin:0;background:#fff"><main class="root">${body}</main></body></html>`,
  ].join('');

describeInBrowser('test harness checks', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: PHONE });
  });
  afterAll(async () => browser?.close());

  it('passes a page that meets the elder minimums', async () => {
    await page.setContent(
      PAGE(`
      <p style="font-size:${above(MIN.mainTextPx)}px;line-height:1.5;color:#1f2329">挂号</p>
      <p id="time" style="font-size:${above(MIN.keyFigurePx)}px;line-height:1.4;color:#1f2329">08:30</p>
      <button style="width:${above(MIN.touchTargetPx) * 3}px;height:${above(MIN.touchTargetPx)}px;
        font-size:${above(MIN.mainTextPx)}px;line-height:1.4;color:#fff;background:#0a5cd6">预约</button>`),
    );
    const m = await measurePage(page, { root: '.root', keyFigures: '#time', targets: 'button' });
    expect(m.texts.map((t) => t.text)).toEqual(['挂号', '08:30', '预约']);
    expect(m.keyFigures).toHaveLength(1);
    expect(elderShortfalls(m)).toEqual([]);
  });

  it('reports small text, tight lines, low contrast, a small key figure and a small target', async () => {
    await page.setContent(
      PAGE(`
      <p style="font-size:${below(MIN.mainTextPx)}px;line-height:1.5;color:#1f2329">小字</p>
      <p style="font-size:${above(MIN.mainTextPx)}px;line-height:1.1;color:#1f2329">行距</p>
      <div style="background:rgba(0,0,0,0.5)">
        <p style="font-size:${above(MIN.mainTextPx)}px;line-height:1.5;color:#777">对比</p></div>
      <p id="time" style="font-size:${below(MIN.keyFigurePx)}px;line-height:1.4;color:#1f2329">08:30</p>
      <button style="width:${below(MIN.touchTargetPx)}px;height:${above(MIN.touchTargetPx)}px;
        font-size:${above(MIN.mainTextPx)}px;line-height:1.4;color:#fff;background:#0a5cd6">约</button>`),
    );
    const m = await measurePage(page, { root: '.root', keyFigures: '#time', targets: 'button' });
    const problems = elderShortfalls(m).join('\n');
    expect(problems).toContain(`is ${below(MIN.mainTextPx)}px < ${MIN.mainTextPx}px`);
    expect(problems).toContain(`text "行距" (p) has line height 1.1 < ${MIN.lineHeight}`);
    expect(problems).toMatch(new RegExp(`text "对比" \\(p\\) has contrast [\\d.]+:1 < ${MIN.contrast}:1`));
    expect(problems).toContain(`key figure "08:30" (p) is ${below(MIN.keyFigurePx)}px < ${MIN.keyFigurePx}px`);
    expect(problems).toContain(
      `touch target "约" (button) is ${below(MIN.touchTargetPx)}×${above(MIN.touchTargetPx)}px`,
    );
  });

  it('axe reports a serious violation the way the page checks read it', async () => {
    await page.setContent(
      PAGE('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">浅色文字</p>'),
    );
    const ids = (await runAxe(page)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['color-contrast', 'image-alt']));
  });
});
