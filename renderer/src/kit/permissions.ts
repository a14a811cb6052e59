import { api, type MethodName } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/common';
import { useSession } from './session';

// Apart from session.tsx: the contract (every method's schemas) is only loaded with the screens.

/** Whether the contract lets this role call the method (the UI hides what would be refused). */
export function roleMayCall(role: Role, method: MethodName): boolean {
  const access = api[method].access;
  if (access === 'public' || access === 'authenticated') return true;
  return (access as readonly Role[]).includes(role);
}

export function useCan(method: MethodName): boolean {
  return roleMayCall(useSession().user.role, method);
}
