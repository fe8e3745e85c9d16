/**
 * Who is signed in. Probes /api/auth/me once at start, keeps the CSRF token
 * for the API client, and sends the user to /login (remembering where they
 * were) whenever the server answers 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, isApiError, request, setCsrfToken, setUnauthorizedHandler } from './api.js';
import type { Me, SessionBody } from './types.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: Me };

interface Session {
  state: SessionState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  /** Set once a sign-in on this page succeeds. */
  const loggedIn = useRef(false);
  const navigate = useNavigate();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
      const here = window.location.pathname + window.location.search;
      if (window.location.pathname !== '/login') void navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate]);

  useEffect(() => {
    let alive = true;
    request<SessionBody>('/auth/me', { redirectOn401: false })
      .catch((err: unknown) => {
        if (isApiError(err) && err.status === 401) return null;
        throw err;
      })
      .then((body) => {
        if (!alive) return;
        // The login form is usable while this first check is in flight: a sign-in that finished
        // first wins, and this (older) answer must not sign the user out again.
        if (loggedIn.current) return;
        if (body) {
          setCsrfToken(body.csrfToken);
          setState({ status: 'authenticated', user: body.user });
        } else {
          setState({ status: 'anonymous' });
        }
      })
      .catch(() => {
        // the server is unreachable: treat as signed out; the login page reports the error on submit
        if (alive && !loggedIn.current) setState({ status: 'anonymous' });
      });
    return () => {
      alive = false;
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const body = await api.post<SessionBody>('/auth/login', { username, password }, { redirectOn401: false });
    loggedIn.current = true;
    setCsrfToken(body.csrfToken);
    setState({ status: 'authenticated', user: body.user });
    return body.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<unknown>('/auth/logout', {}, { redirectOn401: false });
    } catch {
      // the session is dropped locally either way
    } finally {
      setCsrfToken(null);
      // A full page load: nothing of the previous user stays in memory (caches, forms).
      window.location.replace('/login');
    }
  }, []);

  const value = useMemo<Session>(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for pages rendered inside the authenticated layout. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a signed-in user');
  return state.user;
}
