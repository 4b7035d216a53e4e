// Tab pages and the login page stay in the main package; everything reached from them is loaded
// in subpackages, which keeps the main package small on every platform.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/orders/index', 'pages/me/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/hospital', pages: ['index', 'department', 'doctor'] },
    { root: 'packages/booking', pages: ['confirm', 'waitlist'] },
    { root: 'packages/waitlist', pages: ['index'] },
    { root: 'packages/order', pages: ['detail'] },
    { root: 'packages/patient', pages: ['index', 'form'] },
    { root: 'packages/content', pages: ['announcements', 'announcement', 'help'] },
    { root: 'packages/account', pages: ['phone'] },
    { root: 'packages/records', pages: ['reports', 'report', 'imaging', 'study', 'shares'] },
    { root: 'packages/privacy', pages: ['agreement', 'consent', 'delete'] },
    { root: 'packages/payments', pages: ['index'] },
  ],
  window: {
    navigationBarTitleText: '预约挂号',
    navigationBarBackgroundColor: '#0a6e5c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f4f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    // WeChat and Alipay host ours (src/custom-tab-bar), Baidu's tab pages draw it over its hidden own
    // (platform/tab-bar.swan.ts): the platforms' bars have a fixed small font.
    custom: process.env.TARO_ENV === 'weapp' || process.env.TARO_ENV === 'alipay',
    color: '#4e5969',
    selectedColor: '#0a6e5c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/orders/index', text: '我的预约' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
});
