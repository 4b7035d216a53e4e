import { bindablePlatform, boundText } from '../../../src/pages/me/me.logic';

describe('account page logic', () => {
  it('offers to bind the build’s platform only when it is not bound yet, and never in H5', () => {
    expect(bindablePlatform({ platforms: [] }, 'weapp')).toEqual({ platform: 'weapp', label: '绑定微信' });
    expect(bindablePlatform({ platforms: ['alipay'] }, 'swan')).toEqual({ platform: 'swan', label: '绑定百度' });
    expect(bindablePlatform({ platforms: ['weapp'] }, 'weapp')).toBeNull();
    expect(bindablePlatform({ platforms: [] }, null)).toBeNull();
  });

  it('names the bound identities', () => {
    expect(boundText({ platforms: [] })).toBeNull();
    expect(boundText({ platforms: ['weapp', 'alipay'] })).toBe('已绑定：微信、支付宝');
  });
});
