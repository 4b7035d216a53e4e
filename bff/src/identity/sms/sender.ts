/**
 * Sends a verification code by SMS. Fails with SMS_TOO_FREQUENT (the carrier's or gateway's
 * flow control), VALIDATION_FAILED (a number the gateway refuses) or SMS_UNAVAILABLE.
 */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<{ messageId: string }>;
}
