import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { pid: process.pid, ...base },
    redact: { paths: ['req.headers.authorization', '*.idNumber', '*.phone', '*.code'], censor: '[redacted]' },
  });
}
