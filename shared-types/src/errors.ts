import { ID_NUMBER_INVALID_MESSAGE } from './field-rules.js';

/**
 * Stable error codes of the patient API. The code never changes once published; the message
 * is what a patient reads (Chinese) and may be refined. `status` is the HTTP status.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '请求参数有误，请检查后重试' },
  INVALID_JSON: { status: 400, message: '请求内容格式错误' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求内容类型不受支持' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, message: '请求内容的压缩方式不受支持，请直接发送' },
  MALFORMED_URL: { status: 400, message: '请求地址格式错误' },
  PATH_NOT_ALLOWED: { status: 400, message: '请求地址不被允许' },
  BAD_REQUEST: { status: 400, message: '请求无效' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '无权进行此操作' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方式' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },

  LOGIN_CODE_INVALID: { status: 401, message: '登录凭证无效或已过期，请重新登录' },
  LOGIN_PROVIDER_UNAVAILABLE: { status: 503, message: '登录服务暂时不可用，请稍后再试' },
  SMS_CODE_INVALID: { status: 400, message: '验证码错误或已过期' },
  SMS_TOO_FREQUENT: { status: 429, message: '验证码发送过于频繁，请稍后再试' },
  SMS_UNAVAILABLE: { status: 503, message: '短信服务暂时不可用，请稍后再试' },
  PHONE_IN_USE: { status: 409, message: '该手机号已被其他账号使用' },
  IDENTITY_ALREADY_BOUND: { status: 409, message: '该账号已绑定到其他用户' },

  PATIENT_LIMIT_REACHED: { status: 409, message: '每个账号最多添加 5 位就诊人' },
  PATIENT_DUPLICATE: { status: 409, message: '该就诊人已添加' },
  PATIENT_HAS_ACTIVE_ORDERS: { status: 409, message: '该就诊人有未完成的预约，暂不能删除' },
  PATIENT_VERIFIED_LOCKED: { status: 409, message: '已实名认证的就诊人不能修改姓名和证件号' },
  ID_NUMBER_INVALID: { status: 400, message: ID_NUMBER_INVALID_MESSAGE },
  REAL_NAME_MISMATCH: { status: 422, message: '姓名与身份证号码不一致，请核对' },
  REAL_NAME_REQUIRED: { status: 403, message: '就诊人尚未完成实名认证，请先认证' },
  REAL_NAME_UNAVAILABLE: { status: 503, message: '实名认证服务暂时不可用，请稍后再试' },

  SCHEDULE_STOPPED: { status: 409, message: '该出诊已停诊，请选择其他时段' },
  NOT_YET_RELEASED: { status: 409, message: '号源尚未开放预约' },
  BOOKING_WINDOW_CLOSED: { status: 409, message: '该时段已停止预约' },
  SLOT_GONE: { status: 409, message: '号源已约满，请选择其他时段' },
  BOOKING_LIMIT_REACHED: { status: 409, message: '预约次数已达上限' },
  DUPLICATE_DEPARTMENT_SESSION: { status: 409, message: '同一就诊人在同一科室同一时段只能预约一个号' },
  VISIT_OVERLAP: { status: 409, message: '与已有预约的就诊时间冲突' },
  BLACKLISTED: { status: 403, message: '因多次爽约，暂停预约' },
  IDEMPOTENCY_CONFLICT: { status: 422, message: '同一请求标识被用于不同的预约内容' },
  CANCEL_DEADLINE_PASSED: { status: 409, message: '已过取消截止时间' },
  ORDER_NOT_CANCELLABLE: { status: 409, message: '该预约当前状态不能取消' },
  PAYMENT_TIMED_OUT: { status: 409, message: '支付已超时，号源已释放' },
  PAYMENT_NOT_REQUIRED: { status: 409, message: '该预约无需在线支付' },
  ORDER_ALREADY_PAID: { status: 409, message: '该预约已支付' },
  ORDER_NOT_PAYABLE: { status: 409, message: '该预约当前状态不能支付' },
  PAYER_IDENTITY_REQUIRED: { status: 409, message: '请在对应平台的小程序中完成支付' },
  PAYMENT_UNAVAILABLE: { status: 503, message: '支付服务暂时不可用，请稍后再试' },

  HOSPITAL_RECORDS_UNAVAILABLE: { status: 503, message: '该医院的报告与影像系统暂时无法访问，请稍后再试' },
  HOSPITAL_RECORDS_NOT_CONNECTED: { status: 409, message: '该医院尚未接入报告与影像查询' },
  RECORD_NOT_FOUND: { status: 404, message: '未找到该报告或影像，可能尚未出具或不属于该就诊人' },
  IMAGE_LINK_EXPIRED: { status: 410, message: '图像链接已过期，请返回重新打开' },
  SHARE_NOT_FOUND: { status: 404, message: '分享链接无效' },
  SHARE_CODE_WRONG: { status: 403, message: '访问码错误，请向分享人核对' },
  SHARE_LOCKED: { status: 429, message: '访问码错误次数过多，该分享已锁定，请联系分享人重新分享' },
  SHARE_EXPIRED: { status: 410, message: '该分享已过期' },
  SHARE_REVOKED: { status: 410, message: '分享人已取消该分享' },
  SHARE_USED_UP: { status: 410, message: '该分享的查看次数已用完' },

  STAFF_UNAUTHENTICATED: { status: 401, message: '请使用有效的工作人员密钥' },
  STAFF_FORBIDDEN: { status: 403, message: '无权查看或操作该数据' },
  HOSPITAL_SIGNATURE_MISSING: {
    status: 401,
    message: '缺少签名请求头：X-Hospital-Code、X-Timestamp、X-Nonce、X-Signature 均为必填',
  },
  HOSPITAL_UNKNOWN: { status: 401, message: '医院编码未在平台登记，或尚未开通接口' },
  HOSPITAL_TIMESTAMP_SKEWED: { status: 401, message: 'X-Timestamp 须为 Unix 秒，且与平台时间相差不超过 300 秒' },
  HOSPITAL_NONCE_INVALID: { status: 401, message: 'X-Nonce 须为 16 至 64 个可见 ASCII 字符' },
  HOSPITAL_SIGNATURE_INVALID: { status: 401, message: '签名校验失败：请核对密钥、签名串与请求体' },
  HOSPITAL_NONCE_REPLAYED: { status: 401, message: '该 X-Nonce 已使用过，请求被视为重放' },
  BILL_NOT_READY: { status: 409, message: '渠道对账单尚未生成，请稍后再试' },
  RECONCILE_FAILED: { status: 502, message: '对账失败：暂时无法获取渠道对账单，请稍后重试' },

  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];
