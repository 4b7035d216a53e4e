import { randomUUID } from 'node:crypto';
import type { Order, Patient, ScheduleSummary } from '@cityhealth/shared-types';
import { makeIdNumber, makePhone } from './id-number.js';

/** An answer of the BFF that was not 2xx, with its code and Chinese message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

/**
 * The patient API over HTTP, for preparing states before the browser drives the app (and for
 * reading back what the app did). The real BFF of the test run answers; nothing is mocked.
 */
export class Api {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  withToken(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiFailure(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? '');
    }
    return data as T;
  }

  /** The newest SMS code the sandbox gateway delivered to a phone. */
  async latestSmsCode(phone: string): Promise<string> {
    const outbox = await this.call<{ items: { templateParam?: { code?: string } }[] }>(
      'GET',
      `/sandbox/sms/outbox?phone=${phone}`,
    );
    const code = outbox.items[0]?.templateParam?.code;
    if (!code) throw new Error(`no SMS delivered to ${phone}`);
    return code;
  }

  /** Logs in (or registers) with phone + SMS code, the code read from the sandbox outbox. */
  async smsLogin(phone: string): Promise<Api> {
    await this.call('POST', '/api/v1/auth/sms/send', { phone });
    const r = await this.call<{ token: string }>('POST', '/api/v1/auth/sms/login', {
      phone,
      code: await this.latestSmsCode(phone),
    });
    return this.withToken(r.token);
  }

  /** Logs in with a `sandbox:<name>` mini-program login code (no SMS quota spent). */
  async platformLogin(name: string): Promise<Api> {
    const r = await this.call<{ token: string }>('POST', '/api/v1/auth/login', {
      platform: 'weapp',
      code: `sandbox:${name}`,
    });
    return this.withToken(r.token);
  }

  /** Adds a patient by 居民身份证, saved and verified in one step through the sandbox identity service. */
  addVerifiedPatient(name: string): Promise<Patient> {
    return this.call<Patient>('POST', '/api/v1/patients/real-name', {
      documentType: 'id-card',
      name,
      idNumber: makeIdNumber(),
      phone: makePhone(),
      relation: 'self',
    });
  }

  book(scheduleId: string, patientId: string): Promise<Order> {
    return this.call<Order>('POST', '/api/v1/orders', { scheduleId, patientId }, { 'Idempotency-Key': randomUUID() });
  }

  cancel(orderId: string): Promise<Order> {
    return this.call<Order>('POST', `/api/v1/orders/${orderId}/cancel`, { reason: '行程有变' });
  }

  schedules(departmentId: string): Promise<{ schedules: ScheduleSummary[] }> {
    return this.call('GET', `/api/v1/departments/${departmentId}/schedules`);
  }
}
