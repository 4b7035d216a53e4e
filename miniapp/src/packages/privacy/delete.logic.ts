/** What 注销账号 deletes and what it keeps (and why), as the page tells the patient before confirming. */
export const DELETED_ITEMS = [
  '微信、支付宝、百度等登录绑定，以及账号的手机号',
  '全部就诊人的姓名、证件号码、手机号和出生日期',
  '报告与影像的分享链接、消息订阅和验证码记录',
];

export const KEPT_ITEMS = [
  '预约、支付和退款记录依法保存（医疗和财务记录的法定保存期限），不再保存姓名、手机号和证件号码',
  '操作审计记录依法保存，只记录账号编号',
  '爽约暂停预约的记录按证件保存（不含证件号码本身），注销不能解除暂停',
];
