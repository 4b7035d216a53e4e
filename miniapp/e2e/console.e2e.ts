import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchBrowser } from './support/browser.js';
import {
  addBillDiscrepancies,
  checkConsolePage,
  chooseOption,
  consoleBff,
  logInAsDemo,
  menuEntries,
  newConsolePage,
  sandboxTotp,
  settleConsole,
  submitLogin,
  totpOf,
} from './support/console.js';
import { checkCharacter } from '@cityhealth/shared-types';

/** What each role finds in its menu: the pages whose contract operation its role may call. */
const MENUS: Record<string, string[]> = {
  admin: [
    '工作台首页',
    '对账',
    '统计分析',
    '电话预约',
    '排班与就诊',
    '公告与帮助',
    '医院管理',
    '黑名单',
    '审计日志',
    '号源追溯',
    '员工账号',
  ],
  auditor: ['工作台首页', '对账', '统计分析', '医院管理', '黑名单', '审计日志', '号源追溯'],
  finance: ['工作台首页', '对账', '统计分析'],
  scheduler: ['工作台首页', '统计分析', '排班与就诊', '公告与帮助', '号源追溯'],
  agent: ['工作台首页', '电话预约'],
};

/** A checksum-valid ID number (GB 11643) of its first 17 characters. */
const idNumberOf = (first17: string): string => first17 + checkCharacter(first17);

/** Yesterday in Beijing, the newest day a channel has a bill for. */
function yesterday(): string {
  const d = new Date(Date.now() + 8 * 3600_000 - 86_400_000);
  return d.toISOString().slice(0, 10);
}

const check = checkConsolePage;

/** The staff console served by the real BFF at /console: sign-in, each role's menu, reconciliation, accounts. */
describeInBrowser('staff console against the real BFF', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe('signing in', () => {
    let page: Page;
    beforeAll(async () => {
      page = await newConsolePage(browser);
    });
    afterAll(async () => page?.context().close());

    it('opens on the login page, with no serious accessibility problem', async () => {
      await page.goto('/console/');
      await page.getByRole('heading', { name: '预约挂号平台工作台' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await check(page, 'login');
    });

    it('shows the server’s message for a wrong password', async () => {
      await submitLogin(page, 'auditor', 'wrong-password-1', await sandboxTotp('auditor'));
      await page.getByRole('alert').filter({ hasText: '用户名、密码或动态口令错误' }).waitFor();
      await check(page, 'login-failed');
    });
  });

  describe.each(Object.keys(MENUS))('the %s demo account', (username) => {
    let page: Page;
    beforeAll(async () => {
      page = await newConsolePage(browser);
      await logInAsDemo(page, username);
    });
    afterAll(async () => page?.context().close());

    it('sees exactly the menu entries its role may use', async () => {
      expect(await menuEntries(page)).toEqual(MENUS[username]);
      await check(page, `home-${username}`);
    });

    if (username === 'finance') {
      it('reconciles its own hospital only (no hospital filter, no 重新对账)', async () => {
        await page.getByRole('menuitem', { name: '对账' }).click();
        await page.getByRole('heading', { level: 1, name: '对账' }).waitFor();
        await page.getByText(/^仅显示 .+ 的对账结果$/).waitFor();
        expect(await page.getByLabel('医院', { exact: true }).count()).toBe(0);
        expect(await page.getByRole('button', { name: '重新对账' }).count()).toBe(0);
        await check(page, 'reconciliation-finance');
      });
    }

    if (username === 'auditor') {
      it('reads the statistics', async () => {
        await page.getByRole('menuitem', { name: '统计分析' }).click();
        await page.getByRole('heading', { level: 1, name: '统计分析' }).waitFor();
        await check(page, 'statistics-auditor');
      });
    }

    if (username === 'agent') {
      it('books for a caller on the phone: register, add a patient, book, read back, cancel', async () => {
        await page.getByRole('menuitem', { name: '电话预约' }).click();
        await page.getByRole('heading', { level: 1, name: '电话预约' }).waitFor();
        const phone = `139${String(Date.now()).slice(-8)}`;
        await page.getByLabel('来电人手机号').fill(phone);
        await page.getByLabel('来电人手机号').press('Enter');
        await page.getByText('该手机号尚未注册').waitFor();
        await check(page, 'phone-not-found');
        await page.getByRole('button', { name: /注册新用户/ }).click();
        const form = page.getByRole('form', { name: '添加就诊人' });
        await form.getByLabel('姓名').fill('张三');
        await form
          .getByLabel('身份证号')
          .fill(idNumberOf(`110105${1960 + (Date.now() % 40)}0101${String(Date.now() % 998).padStart(3, '0')}`));
        await form.getByLabel('就诊人手机号').fill(phone);
        await form.getByRole('button', { name: /添加并实名认证/ }).click();
        await page.getByText('已实名').waitFor();
        // by keyboard, as an agent on the phone works: type a name, Enter picks it
        await page.getByLabel('医院', { exact: true }).click();
        await page.keyboard.type('协和');
        await page.keyboard.press('Enter');
        // the first department (of the first few) with a session that has free slots
        const free = page.getByRole('row').filter({ hasText: /余 \d+/ });
        for (let i = 0; i < 6 && !(await free.count()); i++) {
          await page.getByLabel('科室', { exact: true }).click();
          for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
          await settleConsole(page);
        }
        await free.first().click();
        await page.getByRole('button', { name: /确认预约/ }).click();
        await page.getByText('预约号').waitFor();
        await page.getByText('就诊地点').waitFor();
        await page.mouse.move(0, 0); // a hovered button is lighter
        await check(page, 'phone-booked');
        // the same session again: refused by the rules, in their words
        await page.getByRole('button', { name: /确认预约/ }).click();
        await page.getByText(/同一科室同一时段/).waitFor();
        await page.getByRole('button', { name: /取消预约/ }).click();
        await page.getByRole('button', { name: /确认取消/ }).click();
        await page.getByText('预约已取消').waitFor();
        await page.mouse.move(0, 0); // a hovered button is lighter
        await check(page, 'phone-cancelled');
      });
    }

    if (username === 'agent') {
      it('adds a caller’s 港澳居民来往内地通行证 patient: the document’s own fields, its rule’s words, masked', async () => {
        await page.getByRole('menuitem', { name: '电话预约' }).click();
        await page.getByRole('heading', { level: 1, name: '电话预约' }).waitFor();
        const phone = `138${String(Date.now()).slice(-8)}`;
        await page.getByLabel('来电人手机号').fill(phone);
        await page.getByLabel('来电人手机号').press('Enter');
        await page.getByRole('button', { name: /注册新用户/ }).click();
        const form = page.getByRole('form', { name: '添加就诊人' });
        // a foreign passport: said at once, as in the app, and not sent
        await chooseOption(page, form.getByLabel('证件类型'), '护照');
        await form.getByLabel('国籍').fill('USA');
        await form.getByText('外国护照暂不支持线上实名核验，请携带护照到医院窗口办理').waitFor();
        expect(await form.getByRole('button', { name: /添加并实名认证/ }).isDisabled()).toBe(true);
        await chooseOption(page, form.getByLabel('证件类型'), '港澳居民来往内地通行证');
        // the ID card's number field gives way to the permit's, with sex and birth date
        await form.getByLabel('通行证号码').waitFor();
        await form.getByLabel('姓名').fill('陈大文');
        await form.getByLabel('通行证号码').fill('A1234567');
        await chooseOption(page, form.getByLabel('性别'), '男');
        await form.getByLabel('出生日期').fill('1978-09-30');
        await form.getByLabel('就诊人手机号').fill(phone);
        await form.getByRole('button', { name: /添加并实名认证/ }).click();
        await form.getByText(/H 或 M 加 8 位数字/).waitFor();
        const number = `H${String(Date.now()).slice(-8, -3)}${String(100 + (Date.now() % 800))}`;
        await form.getByLabel('通行证号码').fill(number);
        await form.getByRole('button', { name: /添加并实名认证/ }).click();
        await page.getByText(`港澳通行证 H*****${number.slice(-3)}`).waitFor();
        await page.getByText('已实名').waitFor();
        await check(page, 'phone-permit-patient');
      });
    }

    if (username === 'scheduler') {
      it('is refused a page its role may not use, even by its address', async () => {
        await page.goto('/console/staff');
        await page.getByText('无权访问').waitFor();
        await check(page, 'forbidden-scheduler');
      });
    }
  });

  describe('the administrator', () => {
    let page: Page;
    let created: { username: string; password: string; secret: string };
    beforeAll(async () => {
      await addBillDiscrepancies(yesterday(), 3);
      page = await newConsolePage(browser);
      await logInAsDemo(page, 'admin');
    });
    afterAll(async () => page?.context().close());

    it('reconciles a day again and reads its summaries and discrepancies', async () => {
      await page.getByRole('menuitem', { name: '对账' }).click();
      await page.getByRole('heading', { level: 1, name: '对账' }).waitFor();
      await settleConsole(page);
      await page.getByRole('button', { name: '重新对账' }).click();
      const dialog = page.getByRole('dialog', { name: '重新对账' });
      await dialog.waitFor();
      await check(page, 'reconciliation-run-dialog');
      await dialog.getByRole('button', { name: '开始对账' }).click();
      await page.getByText(/已重新对账：账单 3 笔/).waitFor();
      // The day's summary row, its three lines missing on the platform, and the lines table.
      const summary = page.getByRole('row', { name: new RegExp(yesterday()) });
      await summary.first().waitFor();
      await page.getByRole('cell', { name: '平台无此笔（渠道有）' }).first().waitFor();
      await page.getByText('共 3 条').waitFor();
      await check(page, 'reconciliation');
    });

    it('filters by channel and groups by channel', async () => {
      await chooseOption(page, page.getByLabel('支付渠道'), '支付宝');
      await page.getByText('所选期间没有对账结果').first().waitFor();
      await chooseOption(page, page.getByLabel('支付渠道'), '微信支付');
      await page.getByText('按渠道').click();
      await page.getByRole('cell', { name: '微信支付', exact: true }).first().waitFor();
      await check(page, 'reconciliation-by-channel');
    });

    it('downloads the day as CSV', async () => {
      const href = await page.getByRole('link', { name: /下载 CSV/ }).getAttribute('href');
      expect(href).toContain(`/api/v1/console/reconciliations/${yesterday()}.csv`);
      const res = await page.context().request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^text\/csv/);
      expect(await res.text()).toContain('商户订单号');
    });

    it('lists the staff accounts', async () => {
      await page.getByRole('menuitem', { name: '员工账号' }).click();
      await page.getByRole('heading', { level: 1, name: '员工账号' }).waitFor();
      for (const name of Object.keys(MENUS)) await page.getByRole('cell', { name, exact: true }).waitFor();
      await check(page, 'staff');
    });

    it('creates a hospital finance clerk and shows the credentials once', async () => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog', { name: '新建账号' });
      const username = `e2e.finance.${Date.now().toString(36)}`;
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名').fill('测试财务');
      await chooseOption(page, dialog.getByLabel('角色'), '医院财务');
      await chooseOption(page, dialog.getByLabel('所属医院'));
      await check(page, 'staff-create');
      await dialog.getByRole('button', { name: '创建' }).click();
      const shown = page.getByRole('dialog', { name: '账号已创建' });
      await shown.getByText('只显示这一次').waitFor();
      await shown.getByRole('img', { name: /动态口令二维码/ }).waitFor();
      created = {
        username,
        password: (await shown.getByTestId('initial-password').textContent())?.trim() ?? '',
        secret: (await shown.getByTestId('totp-secret').textContent())?.trim() ?? '',
      };
      expect(created.password).toMatch(/^[A-Za-z0-9]{16}$/);
      await check(page, 'staff-credentials');
      await shown.getByRole('button', { name: /我已妥善交付/ }).click();
      await shown.waitFor({ state: 'hidden' });
      await page.getByRole('main').getByRole('cell', { name: username }).waitFor();
    });

    it('makes the new clerk change the initial password first', async () => {
      const clerk = await newConsolePage(browser);
      try {
        await clerk.goto('/console/login');
        await submitLogin(clerk, created.username, created.password, totpOf(created.secret));
        await clerk.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
        await clerk.getByText('请先修改初始密码').first().waitFor();
        expect(await menuEntries(clerk)).toEqual([]);
        await check(clerk, 'password-forced');
        await clerk.getByLabel('原密码').fill(created.password);
        await clerk.getByLabel('新密码', { exact: true }).fill('Changed-password-2026');
        await clerk.getByLabel('确认新密码').fill('Changed-password-2026');
        await clerk.getByRole('button', { name: '确认修改' }).click();
        await clerk.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
        expect(await menuEntries(clerk)).toEqual(MENUS.finance);
      } finally {
        await clerk.context().close();
      }
    });

    it('locks the clerk out after repeated failures and says so', async () => {
      // Four wrong passwords through the API (the same address as the browser's), the fifth in the page.
      for (let i = 0; i < 4; i++) {
        const r = await fetch(`${consoleBff()}/api/v1/console/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: created.username, password: 'not-the-password-1', totp: '000000' }),
        });
        expect(r.status).toBe(401);
      }
      const clerk = await newConsolePage(browser);
      try {
        await clerk.goto('/console/login');
        const answered = clerk.waitForResponse(
          (r) => r.url().endsWith('/api/v1/console/session') && r.request().method() === 'POST',
          { timeout: 30_000 },
        );
        await submitLogin(clerk, created.username, 'not-the-password-1', totpOf(created.secret));
        expect((await answered).status()).toBe(423);
        await clerk.getByRole('alert').filter({ hasText: '账号已锁定' }).waitFor();
        await check(clerk, 'login-locked');
      } finally {
        await clerk.context().close();
      }
    });

    it('resets the clerk’s credentials (shown once again) and disables the account', async () => {
      const row = page.getByRole('main').getByRole('row', { name: new RegExp(created.username.replace(/\./g, '\\.')) });
      await row.getByRole('button', { name: '重置凭据' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '重置' }).click();
      const shown = page.getByRole('dialog', { name: '凭据已重置' });
      await shown.getByText('只显示这一次').waitFor();
      expect((await shown.getByTestId('initial-password').textContent())?.trim()).not.toBe(created.password);
      await shown.getByRole('button', { name: /我已妥善交付/ }).click();
      await shown.waitFor({ state: 'hidden' });
      await row.getByRole('button', { name: '停用' }).click();
      await page.locator('.ant-popconfirm').filter({ visible: true }).getByRole('button', { name: '停用' }).click();
      await row.getByText('已停用').waitFor();
      await check(page, 'staff-disabled');
    });

    it('opens 黑名单: the suspended list, a search by phone', async () => {
      await page.getByRole('menuitem', { name: '黑名单' }).click();
      await page.getByRole('heading', { level: 1, name: '黑名单' }).waitFor();
      await page.getByText('暂停预约中的人员').waitFor();
      await check(page, 'blacklist');
      await page.getByTitle('手机号').click();
      await page.getByRole('searchbox', { name: '完整的 11 位手机号' }).fill('13000000000');
      await page.getByRole('button', { name: /查\s*找/ }).click();
      await page.getByText('没有找到符合条件的人员').waitFor();
      await check(page, 'blacklist-search');
    });

    it('reads the audit trail, filtered by an action prefix', async () => {
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      await page.getByLabel('操作', { exact: true }).fill('staff.');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('staff.login').first().waitFor();
      await check(page, 'audit');
    });

    it('traces a slot by order number (an unknown one is said so)', async () => {
      await page.getByRole('menuitem', { name: '号源追溯' }).click();
      await page.getByRole('heading', { level: 1, name: '号源追溯' }).waitFor();
      await page.getByRole('searchbox', { name: '订单号' }).fill('NO000000');
      await page.getByRole('button', { name: /追\s*溯/ }).click();
      await page.getByText('未找到该号源或订单').waitFor();
      await check(page, 'slot-trace');
    });

    it('opens 修改密码 from the user menu', async () => {
      await page.getByRole('button', { name: /用户菜单/ }).click();
      await page.getByRole('menuitem', { name: '修改密码' }).click();
      await page.getByRole('heading', { level: 1, name: '修改密码' }).waitFor();
      await check(page, 'password');
    });

    it('ends the session on 退出登录: the API then answers 401', async () => {
      await page.getByRole('button', { name: /用户菜单/ }).click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '预约挂号平台工作台' }).waitFor();
      const res = await page.context().request.get('/api/v1/console/session');
      expect(res.status()).toBe(401);
      await page.goto('/console/staff');
      await page.getByRole('heading', { name: '预约挂号平台工作台' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/login');
    });
  });
});
