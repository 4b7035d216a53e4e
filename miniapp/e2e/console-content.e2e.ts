import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser } from './support/browser.js';
import { checkConsolePage, logInAsDemo, newConsolePage } from './support/console.js';

const check = checkConsolePage;

/** A button by its text: antd puts a space between the two characters of a two-character label (保 存). */
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function open(page: Page, menu: string): Promise<void> {
  await page.getByRole('menuitem', { name: menu }).click();
  await page.getByRole('heading', { level: 1, name: menu }).waitFor();
}

/** 公告与帮助, 医院管理 and 排班与就诊 in the staff console served by the real BFF. */
describeInBrowser('console content, hospitals registry and scheduling', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe('an administrator', () => {
    let page: Page;
    beforeAll(async () => {
      page = await newConsolePage(browser);
      await logInAsDemo(page, 'admin');
    });
    afterAll(async () => page?.context().close());

    it('writes an announcement as a draft and publishes it', async () => {
      await open(page, '公告与帮助');
      await check(page, 'content');
      await page.getByRole('button', { name: '新建公告' }).click();
      const dialog = page.getByRole('dialog', { name: '新建公告' });
      const title = `端到端测试公告 ${Date.now().toString(36)}`;
      await dialog.getByLabel('标题').fill(title);
      await dialog.getByLabel('正文').fill('这是一条浏览器测试写的公告。');
      await check(page, 'content-editor');
      await dialog.getByRole('button', { name: named('保存') }).click();
      const row = page.getByRole('row').filter({ hasText: title });
      await row.getByText('草稿').waitFor();
      await row.getByRole('button', { name: named('发布') }).click();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: named('发布') })
        .click();
      await row.getByText('已发布').waitFor();
      const shown = await page.context().request.get('/api/v1/announcements');
      expect(JSON.stringify(await shown.json())).toContain(title);
    });

    it('reads the help centre', async () => {
      await page.getByRole('tab', { name: '帮助中心' }).click();
      await page.getByRole('button', { name: '新建帮助文章' }).waitFor();
      await check(page, 'content-help');
    });

    it('opens a hospital: delivery health, secrets and addresses', async () => {
      await open(page, '医院管理');
      await page
        .getByRole('button', { name: named('管理') })
        .first()
        .click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('tab', { name: '推送状态' }).waitFor();
      await check(page, 'hospitals');
      await drawer.getByRole('tab', { name: '接口地址' }).click();
      await drawer.getByRole('button', { name: '保存地址' }).waitFor();
      await check(page, 'hospitals-endpoints');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    });

    it('lists a hospital’s sessions once one is picked', async () => {
      await open(page, '排班与就诊');
      await page.getByText('请先选择医院').first().waitFor();
      await page.getByLabel('医院').click();
      // antd also lists the options in a hidden list for screen readers: click a visible one
      await page.locator('.ant-select-item-option').first().click();
      await page.getByRole('tab', { name: '出诊安排' }).waitFor();
      await check(page, 'scheduling');
    });
  });

  describe('a hospital scheduler', () => {
    let page: Page;
    beforeAll(async () => {
      page = await newConsolePage(browser);
      await logInAsDemo(page, 'scheduler');
    });
    afterAll(async () => page?.context().close());

    it("sees their hospital's sessions and the day's bookings", async () => {
      await open(page, '排班与就诊');
      await page.getByRole('tab', { name: '出诊安排' }).waitFor();
      await page.getByRole('tab', { name: '当日预约' }).click();
      await page.getByLabel('就诊日期').waitFor();
      await check(page, 'scheduling-bookings');
    });

    it("manages only their hospital's announcements, without the help centre", async () => {
      await open(page, '公告与帮助');
      await page.getByText(/^仅显示和发布 .+ 的公告$/).waitFor();
      expect(await page.getByRole('tab', { name: '帮助中心' }).count()).toBe(0);
    });
  });
});
