export default definePageConfig({ navigationBarTitleText: '报告详情', enablePullDownRefresh: true });
