export default definePageConfig({ navigationBarTitleText: '医院', enablePullDownRefresh: true });
