export default definePageConfig({ navigationBarTitleText: '我的影像分享', enablePullDownRefresh: true });
