import Taro from '@tarojs/taro';

/** The logged-in session as kept on the device. */
export interface StoredSession {
  token: string;
  /** ISO instant (UTC). */
  expiresAt: string;
  accountId: string;
}

const KEY = 'cityhealth.session';
type Listener = (s: StoredSession | null) => void;
const listeners = new Set<Listener>();
let cached: StoredSession | null | undefined;

export function currentSession(): StoredSession | null {
  if (cached === undefined) {
    const raw = Taro.getStorageSync(KEY) as StoredSession | '' | undefined;
    cached = raw && typeof raw === 'object' && raw.token ? raw : null;
  }
  return cached;
}

export function saveSession(s: StoredSession | null): void {
  cached = s;
  if (s) Taro.setStorageSync(KEY, s);
  else Taro.removeStorageSync(KEY);
  for (const l of listeners) l(s);
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
