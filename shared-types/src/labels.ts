/**
 * The contract's enumerations and the Chinese words a patient reads for them. This module has no
 * runtime dependency, so the mini-program imports it (`@cityhealth/shared-types/labels`) without
 * bundling the schema library; the schemas build their enums from the same lists.
 */

export const HOSPITAL_LEVELS = ['3A', '3B', '3C', '2A', '2B', '2C'] as const;
export type HospitalLevelCode = (typeof HOSPITAL_LEVELS)[number];
export const HOSPITAL_LEVEL_LABELS: Record<HospitalLevelCode, string> = {
  '3A': '三级甲等',
  '3B': '三级乙等',
  '3C': '三级',
  '2A': '二级甲等',
  '2B': '二级乙等',
  '2C': '二级',
};

export const PERIODS = ['morning', 'afternoon', 'evening'] as const;
export const PERIOD_LABELS: Record<(typeof PERIODS)[number], string> = {
  morning: '上午',
  afternoon: '下午',
  evening: '晚间',
};

export const SCHEDULE_TYPES = ['general', 'expert', 'special'] as const;
export const SCHEDULE_TYPE_LABELS: Record<(typeof SCHEDULE_TYPES)[number], string> = {
  general: '普通号',
  expert: '专家号',
  special: '特需号',
};

export const RELATIONS = ['self', 'spouse', 'parent', 'child', 'relative', 'other'] as const;
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  self: '本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  relative: '亲属',
  other: '其他',
};

export const ORDER_STATUSES = ['pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'] as const;
export const ORDER_STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], string> = {
  pending: '待支付',
  booked: '预约成功',
  arrived: '已取号',
  fulfilled: '已就诊',
  cancelled: '已取消',
  noshow: '爽约',
};

/** 候补: waiting in the queue, booked by a freed slot, or ended unserved. */
export const WAITLIST_STATUSES = ['waiting', 'booked', 'ended'] as const;
export const WAITLIST_STATUS_LABELS: Record<(typeof WAITLIST_STATUSES)[number], string> = {
  waiting: '候补中',
  booked: '候补成功',
  ended: '已结束',
};
/** A patient's ticket in a release draw (放号抽签): waiting for the draw, won a place, or not. */
export const DRAW_TICKET_STATES = ['pending', 'won', 'lost'] as const;
export const DRAW_TICKET_STATE_LABELS: Record<(typeof DRAW_TICKET_STATES)[number], string> = {
  pending: '抽签中',
  won: '中签',
  lost: '未中签',
};
/** Why a waitlist ended; `unpaid`: the booking it was given lapsed unpaid, its slot went to the next in the queue. */
export const WAITLIST_END_REASONS = ['left', 'closed', 'refused', 'served-elsewhere', 'unpaid'] as const;
export const WAITLIST_END_LABELS: Record<(typeof WAITLIST_END_REASONS)[number], string> = {
  left: '已取消候补',
  closed: '候补已截止，未能约到号源',
  refused: '轮到时不符合预约规则，候补未成功',
  'served-elsewhere': '已在同日其他时段候补成功',
  unpaid: '未在支付时限内完成支付，号源已顺延给下一位',
};

export const PAYMENT_STATUSES = [
  'not-required',
  'pay-at-hospital',
  'unpaid',
  'paid',
  'refunding',
  'refunded',
  'closed',
] as const;
export const PAYMENT_STATUS_LABELS: Record<(typeof PAYMENT_STATUSES)[number], string> = {
  'not-required': '无需支付',
  'pay-at-hospital': '到院支付',
  unpaid: '待支付',
  paid: '已支付',
  refunding: '退款中',
  refunded: '已退款',
  closed: '已关闭',
};

export const PAY_CHANNELS = ['wechat', 'alipay', 'baidu'] as const;

/** A refund as a patient follows it (the channel's own steps folded into three). */
export const REFUND_STATES = ['refunding', 'refunded', 'failed'] as const;
export const REFUND_STATE_LABELS: Record<(typeof REFUND_STATES)[number], string> = {
  refunding: '退款中',
  refunded: '已退回',
  failed: '退款未成功，请联系医院',
};

/** Who changed an order, as the history of an order names them. */
export const ORDER_ACTOR_LABELS: Record<string, string> = {
  patient: '本人操作',
  system: '系统',
  hospital: '医院',
  admin: '管理员',
  agent: '电话预约坐席',
  staff: '工作人员',
};

/**
 * Why an order changed, for the codes the booking core and the payment domain record in an order's
 * history (`reason` is the code, or `code: note` when a note was given).
 */
export const ORDER_EVENT_REASON_LABELS: Record<string, string> = {
  patient: '本人取消',
  'payment-timeout': '超时未支付，号源已释放',
  'stop-clinic': '医生停诊',
  admin: '管理员取消',
  paid: '挂号费已支付',
  'cancelled-refund': '取消预约，挂号费原路退回',
  'late-payment-refund': '支付晚于时限，挂号费原路退回',
  refunded: '退款已到账',
  'payment-mismatch-refund': '支付金额或收款方与订单不符，本次支付未生效，款项将原路退回；请在支付时限内重新支付',
  'payment-mismatch': '支付信息与订单不符，本次支付未生效；如已扣款请拨打 12320 咨询',
  'mismatch-refunded': '未生效的支付款项已原路退回',
  waitlist: '候补成功，释放的号源已按候补顺序为您预约',
  draw: '放号抽签中签，已为您预约',
};

export const PLATFORMS = ['weapp', 'alipay', 'swan'] as const;
/** The mini-program platforms by the name a patient knows them by (绑定微信). */
export const PLATFORM_LABELS: Record<(typeof PLATFORMS)[number], string> = {
  weapp: '微信',
  alipay: '支付宝',
  swan: '百度',
};

export const PAY_CHANNEL_LABELS: Record<(typeof PAY_CHANNELS)[number], string> = {
  wechat: '微信支付',
  alipay: '支付宝',
  baidu: '百度收银台',
};

/** How a line of a channel's bill compares with our records (对账结果). */
export const RECONCILE_OUTCOMES = [
  'matched',
  'missing-local',
  'missing-channel',
  'amount-mismatch',
  'status-mismatch',
] as const;
export const RECONCILE_OUTCOME_LABELS: Record<(typeof RECONCILE_OUTCOMES)[number], string> = {
  matched: '一致',
  'missing-local': '平台无此笔（渠道有）',
  'missing-channel': '渠道无此笔（平台有）',
  'amount-mismatch': '金额不符',
  'status-mismatch': '状态不符',
};

/* Reports and imaging (schemas/records.ts builds its enums from these lists). */

export const REPORT_CATEGORIES = ['lab', 'exam'] as const;
export const REPORT_CATEGORY_LABELS: Record<(typeof REPORT_CATEGORIES)[number], string> = {
  lab: '检验',
  exam: '检查',
};

export const REPORT_STATUSES = ['pending', 'partial', 'final', 'corrected', 'cancelled'] as const;
export const REPORT_STATUS_LABELS: Record<(typeof REPORT_STATUSES)[number], string> = {
  pending: '未出报告',
  partial: '部分出报告',
  final: '已出报告',
  corrected: '已更正',
  cancelled: '已作废',
};

export const RESULT_FLAGS = ['N', 'H', 'L', 'HH', 'LL', 'A'] as const;
/** How a flag reads to a patient: in words, never by colour alone. */
export const RESULT_FLAG_WORDS: Record<(typeof RESULT_FLAGS)[number], string> = {
  N: '正常',
  H: '偏高',
  L: '偏低',
  HH: '危急（偏高）',
  LL: '危急（偏低）',
  A: '异常',
};

export const REPORT_DISCLAIMER = '结果仅供参考，请以医院出具的纸质报告及医生诊断为准。';

export const MODALITY_WORDS: Record<string, string> = {
  CT: 'CT',
  MR: '磁共振',
  DX: 'X线摄影',
  CR: 'X线摄影',
  US: '超声',
  MG: '乳腺钼靶',
  XA: '血管造影',
  NM: '核医学',
  PT: 'PET',
};

/* The staff console: who works in it (schemas/staff.ts builds its enum from this list). */
export const STAFF_ROLES = ['admin', 'auditor', 'finance', 'scheduler', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  admin: '卫健委管理员',
  auditor: '卫健委审计员',
  finance: '医院财务',
  scheduler: '医院排班员',
  agent: '电话预约坐席',
};
/** The roles that work for one hospital and see only its data. */
export const HOSPITAL_STAFF_ROLES: readonly StaffRole[] = ['finance', 'scheduler'];

/* Announcements and help articles in the console (schemas/console-content.ts). */
export const CONTENT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ContentStatusCode = (typeof CONTENT_STATUSES)[number];
export const CONTENT_STATUS_LABELS: Record<ContentStatusCode, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤下',
};

/** Where a booking came from: a mini-program platform, the H5 app, or a phone agent (电话预约). */
export const ORDER_CHANNELS = ['weapp', 'alipay', 'swan', 'h5', 'phone'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export const ORDER_CHANNEL_LABELS: Record<OrderChannel, string> = {
  weapp: '微信小程序',
  alipay: '支付宝小程序',
  swan: '百度小程序',
  h5: 'H5',
  phone: '电话预约',
};

/** The edition of the app a booking was made in (敬老版: large fonts, fewer steps). */
export const EDITIONS = ['standard', 'elder'] as const;
export type Edition = (typeof EDITIONS)[number];
export const EDITION_LABELS: Record<Edition, string> = { standard: '标准版', elder: '敬老版' };

/* The console's oversight pages: who did something, and the steps of one slot's history. */
export const AUDIT_ACTOR_LABELS: Record<string, string> = {
  patient: '患者',
  hospital: '医院',
  system: '系统',
  admin: '管理员',
  staff: '工作人员',
  agent: '电话预约坐席',
};

export const SLOT_TRACE_KINDS = [
  'published',
  'capacity',
  'booked',
  'paid',
  'cancelled',
  'released',
  'stop-clinic',
  'resumed',
  'attendance',
  'payment',
] as const;
export type SlotTraceKind = (typeof SLOT_TRACE_KINDS)[number];
export const SLOT_TRACE_KIND_LABELS: Record<SlotTraceKind, string> = {
  published: '号源发布',
  capacity: '号源数调整',
  booked: '预约',
  paid: '支付',
  cancelled: '取消',
  released: '号源释放',
  'stop-clinic': '停诊',
  resumed: '恢复出诊',
  attendance: '到诊',
  payment: '款项',
};

/* Statistics for the health commission (schemas/statistics.ts builds its enums from these lists). */

/** A booking whose channel or edition was not recorded (made before origins were kept). */
export const UNKNOWN_ORIGIN = 'unknown';
export const UNKNOWN_ORIGIN_LABEL = '未知';

/** Who or what cancelled a booking, as the statistics count them. */
export const CANCEL_KINDS = ['patient', 'timeout', 'stop-clinic', 'staff'] as const;
export type CancelKind = (typeof CANCEL_KINDS)[number];
export const CANCEL_KIND_LABELS: Record<CancelKind, string> = {
  patient: '患者取消',
  timeout: '超时未支付',
  'stop-clinic': '停诊取消',
  staff: '工作人员取消',
};

/** The documents a patient (就诊人) is identified by; `child` is a child without one, identified through the guardian. */
export const DOCUMENT_TYPES = [
  'id-card',
  'passport',
  'hk-macao-permit',
  'taiwan-permit',
  'foreign-permanent-residence',
  'child',
] as const;
type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentTypeCode, string> = {
  'id-card': '居民身份证',
  passport: '护照',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
  'foreign-permanent-residence': '外国人永久居留身份证',
  child: '儿童（无证件）',
};
/** The short name on a patient card. */
export const DOCUMENT_TYPE_SHORT_LABELS: Record<DocumentTypeCode, string> = {
  'id-card': '身份证',
  passport: '护照',
  'hk-macao-permit': '港澳通行证',
  'taiwan-permit': '台胞证',
  'foreign-permanent-residence': '永居证',
  child: '儿童',
};

/** The agreements a patient accepts to use the platform (用户协议, 隐私政策), each versioned. */
export const AGREEMENT_KINDS = ['terms', 'privacy'] as const;
export const AGREEMENT_KIND_LABELS: Record<(typeof AGREEMENT_KINDS)[number], string> = {
  terms: '用户协议',
  privacy: '隐私政策',
};
