import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../shared/api/common';
import { RequireRole } from './RequireRole';

/**
 * A route whose screen is loaded when the route is first opened (its own script chunk): the first screen
 * only loads the shell. `load` is a dynamic import (or several, with Promise.all); `render` draws the
 * element from what it loaded, e.g. `lazyElement(() => import('./ContractPage'), (m) => <m.ContractPage />)`.
 * With `roles`, the screen is only shown to those roles (RequireRole).
 */
export function lazyElement<M>(load: () => Promise<M>, render: (loaded: M) => ReactNode, roles?: readonly Role[]): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const element = render(await load());
      return { element: roles ? <RequireRole roles={roles}>{element}</RequireRole> : element };
    },
  };
}
