import type { Agreement } from '@cityhealth/shared-types';
import { acceptedVersions, agreementTitles, consentRoute } from '../../src/features/agreements';

const agreement = (kind: Agreement['kind'], version: string): Agreement => ({
  kind,
  version,
  title: kind,
  body: '',
  publishedAt: '2026-12-01T00:00:00.000Z',
});

describe('agreements', () => {
  it('accepts exactly the versions just read, and nothing before both are loaded', () => {
    expect(acceptedVersions([agreement('terms', '2026-12'), agreement('privacy', '2027-01')])).toEqual({
      terms: '2026-12',
      privacy: '2027-01',
    });
    expect(acceptedVersions([agreement('terms', '2026-12')])).toBeNull();
  });

  it('names what changed, and returns to the page the patient was going to', () => {
    expect(agreementTitles(['privacy'])).toBe('《隐私政策》');
    expect(agreementTitles(['terms', 'privacy'])).toBe('《用户协议》和《隐私政策》');
    expect(consentRoute('/pages/me/index')).toBe(
      `/packages/privacy/consent?back=${encodeURIComponent('/pages/me/index')}`,
    );
  });
});
