import type { StaffSession } from '@cityhealth/shared-types';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/api-error';
import { callOperation, onSessionLost, setCsrfToken } from '../api/client';

/** Why the login page is shown again (the server's message for a lost session). */
export interface LoginState {
  reason?: string;
}

interface SessionValue {
  /** undefined while the first look-up runs; null when nobody is signed in. */
  session: StaffSession | null | undefined;
  /** After a login or a password change (both answer the session anew). */
  signedIn(session: StaffSession): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * The console's sign-in state: asks the server once whether the cookie still names a session,
 * keeps its CSRF token for the API client, and sends the person back to 登录 with the reason when
 * the server says the session ended.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined);
  const navigate = useNavigate();

  const replace = useCallback((next: StaffSession | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    let live = true;
    callOperation('staffSession')
      .then((s) => live && replace(s))
      .catch(() => live && replace(null));
    return () => {
      live = false;
    };
  }, [replace]);

  useEffect(() => {
    onSessionLost((error: ApiError) => {
      replace(null);
      navigate('/login', { replace: true, state: { reason: error.message } satisfies LoginState });
    });
  }, [navigate, replace]);

  const value = useMemo<SessionValue>(
    () => ({
      session,
      signedIn: replace,
      logout: async () => {
        try {
          await callOperation('staffLogout');
        } catch (e) {
          // Already gone on the server: the person is signed out either way.
          if (!(e instanceof ApiError)) throw e;
        }
        replace(null);
        navigate('/login', { replace: true });
      },
    }),
    [session, replace, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in staff session (pages under the layout only render with one). */
export function useStaffSession(): StaffSession {
  const { session } = useSession();
  if (!session) throw new Error('useStaffSession outside a signed-in page');
  return session;
}
