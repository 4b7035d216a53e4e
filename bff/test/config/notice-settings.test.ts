import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';

/** The notice templates a deployment sets: a misspelt name must stop the start, not keep a sandbox id. */
describe('notice template settings', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityhealth-notices-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

  it('takes the template ids it is given by name', () => {
    const names = Object.keys(load({}).notices.wechatTemplates);
    const set = load({ NOTICE_WECHAT_TEMPLATES: JSON.stringify({ [names[0]!]: 'tmpl-prod-1' }) });
    expect(set.notices.wechatTemplates[names[0] as keyof typeof set.notices.wechatTemplates]).toBe('tmpl-prod-1');
  });

  it('refuses a name it does not know, saying which', () => {
    expect(() => load({ NOTICE_WECHAT_TEMPLATES: '{"boking":"x"}' })).toThrow(/NOTICE_WECHAT_TEMPLATES names boking/);
    expect(() => load({ NOTICE_SMS_TEMPLATES: '{"payed":"SMS_1"}' })).toThrow(/NOTICE_SMS_TEMPLATES names payed/);
  });
});
