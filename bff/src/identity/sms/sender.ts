/**
 * Sends a verification code by SMS. Fails with SMS_TOO_FREQUENT (the carrier's or gateway's
 * flow control), VALIDATION_FAILED (a number the gateway refuses) or SMS_UNAVAILABLE.
 */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<{ messageId: string }>;
}

/** A template message (通知短信): the template's code, its variables, and our id of the message (OutId). */
export interface SmsTemplateMessage {
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
}

/** Why Aliyun refused a template message: its Code; `retryable` when trying later may succeed. */
export class SmsSendError extends Error {
  constructor(
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(`SendSms failed: ${code}`);
  }
}

export interface SmsTemplateSender {
  /** Sends one template message; throws SmsSendError. */
  sendTemplate(message: SmsTemplateMessage): Promise<{ messageId: string }>;
}
