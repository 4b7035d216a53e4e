export { api } from './endpoints';
export { ApiError, messageOf, NETWORK_MESSAGE } from './api-error';
export { currentSession, onSessionChange, saveSession } from './session-store';
export { newIdempotencyKey } from './idempotency';
export { LOGIN_PAGE, sendToLogin } from './login-redirect';
