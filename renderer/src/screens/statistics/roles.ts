import type { Role } from '../../../../shared/api/common';

/** Who opens « Statistiques » (as `statistics.get` allows). */
export const STATISTICS_ROLES: readonly Role[] = ['correspondant', 'secretaire_ep', 'administrateur'];
