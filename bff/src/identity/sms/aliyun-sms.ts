import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { aliyunClient, type AliyunError } from '../aliyun-rpc.js';
import { SmsSendError, type SmsSender, type SmsTemplateMessage, type SmsTemplateSender } from './sender.js';

interface SendSmsResponse {
  Code: string;
  Message: string;
  BizId?: string;
  RequestId: string;
}

export interface AliyunSmsOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  logger: Logger;
}

/** Aliyun Dysmsapi `SendSms` (version 2017-05-25) through the pop-core RPC client. */
export class AliyunSmsSender implements SmsSender, SmsTemplateSender {
  private readonly client: ReturnType<typeof aliyunClient>;

  constructor(private readonly o: AliyunSmsOptions) {
    this.client = aliyunClient({
      endpoint: o.endpoint,
      apiVersion: '2017-05-25',
      accessKeyId: o.accessKeyId,
      accessKeySecret: o.accessKeySecret,
    });
  }

  async sendCode(phone: string, code: string): Promise<{ messageId: string }> {
    try {
      const r = await this.client.call<SendSmsResponse>('SendSms', {
        PhoneNumbers: phone,
        SignName: this.o.signName,
        TemplateCode: this.o.templateCode,
        TemplateParam: JSON.stringify({ code }),
      });
      return { messageId: r.BizId ?? r.RequestId };
    } catch (e) {
      const err = e as AliyunError;
      if (err.code === 'isv.BUSINESS_LIMIT_CONTROL' || err.code === 'isv.DAY_LIMIT_CONTROL')
        throw new AppError('SMS_TOO_FREQUENT');
      if (err.code === 'isv.MOBILE_NUMBER_ILLEGAL')
        throw new AppError('VALIDATION_FAILED', '手机号码无法接收短信，请检查');
      this.o.logger.warn({ service: 'aliyun-sms', code: err.code, requestId: err.data?.RequestId }, 'SendSms failed');
      throw new AppError('SMS_UNAVAILABLE');
    }
  }

  async sendTemplate(m: SmsTemplateMessage): Promise<{ messageId: string }> {
    try {
      const r = await this.client.call<SendSmsResponse>('SendSms', {
        PhoneNumbers: m.phone,
        SignName: this.o.signName,
        TemplateCode: m.templateCode,
        TemplateParam: JSON.stringify(m.params),
        OutId: m.outId,
      });
      return { messageId: r.BizId ?? r.RequestId };
    } catch (e) {
      const err = e as AliyunError;
      const code = err.code ?? 'NETWORK';
      this.o.logger.warn({ service: 'aliyun-sms', code, requestId: err.data?.RequestId }, 'SendSms (notice) failed');
      throw new SmsSendError(code, !PERMANENT_REFUSALS.has(code));
    }
  }
}

/** Codes that mean this message can never be sent as it is (trying again changes nothing). */
const PERMANENT_REFUSALS = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.PARAM_LENGTH_LIMIT',
  'isv.BLACK_KEY_CONTROL_LIMIT',
]);
