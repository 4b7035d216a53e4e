import { ERRORS, type ErrorCode } from '@cityhealth/shared-types';

/** An error the patient is meant to read: a stable code, its HTTP status and a Chinese message. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}
