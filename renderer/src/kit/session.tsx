import { createContext, useContext, type ReactNode } from 'react';
import type { User } from '../../../shared/api/contract';

export interface MdsInfo {
  id: number;
  name: string;
  territory: string;
  address?: string | undefined;
}

export interface SessionValue {
  user: User;
  mds: MdsInfo | null;
  /** Ends the session (`everywhere`: after `auth.logoutEverywhere` succeeded, which already ended them all). */
  logout: (options?: { everywhere?: boolean }) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The logged-in user and their MDS. Only inside the authenticated app. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() hors de la session');
  return value;
}
