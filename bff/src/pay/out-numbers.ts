import crypto from 'node:crypto';
import type { ChannelName } from './channel.js';

const CHANNEL_LETTER: Record<ChannelName, string> = { wechat: 'W', alipay: 'A', baidu: 'B' };

/**
 * Merchant numbers the channels print on their bills: the booking number, a letter for the
 * channel (P…) or the refund (R…), and a random tail. At most 32 characters of [0-9A-Z], as every
 * channel accepts; the booking number in front lets a finance clerk find the booking by eye.
 */
export function outTradeNo(orderNo: string, channel: ChannelName): string {
  return `${orderNo}P${CHANNEL_LETTER[channel]}${randomTail()}`;
}

export function outRefundNo(orderNo: string): string {
  return `${orderNo}R${randomTail()}`;
}

const randomTail = () =>
  crypto
    .randomInt(0, 36 ** 6)
    .toString(36)
    .toUpperCase()
    .padStart(6, '0');
