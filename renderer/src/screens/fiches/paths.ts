import type { FicheType } from '../../../../shared/domain/rules/fiche-liaison';

/** Hash-router paths of the fiche de liaison screens. */
export const fichePaths = {
  home: '/fiches-de-liaison',
  newFiche: (personId: number, options: { type?: FicheType; contractId?: number } = {}) => {
    const query = new URLSearchParams();
    if (options.type) query.set('type', options.type);
    if (options.contractId) query.set('contrat', String(options.contractId));
    const qs = query.toString();
    return `/beneficiaires/${personId}/fiches/nouvelle${qs ? `?${qs}` : ''}`;
  },
  fiche: (ficheId: number) => `/fiches-de-liaison/${ficheId}`,
  edit: (ficheId: number) => `/fiches-de-liaison/${ficheId}/modifier`,
} as const;
