import { createContext, useContext, type ReactNode } from 'react';
import { api, type MethodName, type User } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/common';

export interface MdsInfo {
  id: number;
  name: string;
  territory: string;
  address?: string | undefined;
}

export interface SessionValue {
  user: User;
  mds: MdsInfo | null;
  logout: () => Promise<void>;
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

/** Whether the contract lets this role call the method (the UI hides what would be refused). */
export function roleMayCall(role: Role, method: MethodName): boolean {
  const access = api[method].access;
  if (access === 'public' || access === 'authenticated') return true;
  return (access as readonly Role[]).includes(role);
}

export function useCan(method: MethodName): boolean {
  return roleMayCall(useSession().user.role, method);
}
