export default definePageConfig({ navigationBarTitleText: '选择出诊', enablePullDownRefresh: true });
