export default definePageConfig({ navigationBarTitleText: '影像详情' });
