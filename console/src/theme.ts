import type { ThemeConfig } from 'antd';

/** A calm, readable theme: a muted blue, roomy controls, system Chinese fonts. */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#2f6fb2',
    colorInfo: '#2f6fb2',
    colorSuccess: '#3f8f5a',
    colorWarning: '#b7791f',
    colorError: '#c0392b',
    colorBgLayout: '#f4f6f9',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", ' +
      '"Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#1f3a5a', headerHeight: 56, headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#1f3a5a',
      darkSubMenuItemBg: '#1a3350',
      darkItemSelectedBg: '#2f6fb2',
      darkItemColor: 'rgba(255,255,255,0.85)',
    },
    Table: { headerBg: '#f0f3f7' },
  },
};
