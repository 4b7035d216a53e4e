export default definePageConfig({ navigationBarTitleText: '影像查询', enablePullDownRefresh: true });
