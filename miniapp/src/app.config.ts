export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    navigationBarTitleText: '预约挂号统一平台',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundTextStyle: 'dark',
  },
});
