import type { DeskLink } from '../../../shared/api/desk';
import { dossierSectionPath, echeancierPath } from './echeancierQuery';
import { backupPaths, contractPaths, deskPaths, epPaths, fichePaths, paths } from './paths';

/** Where a desk link (a count, a row of « Mon activité » or of a work list) opens. */
export function deskLinkPath(link: DeskLink): string {
  switch (link.to) {
    case 'echeancier':
      return echeancierPath(link.filter);
    case 'worklist':
      return deskPaths.worklist(link.list);
    case 'fiches':
      return fichePaths.home;
    case 'ep':
      return epPaths.home;
    case 'epSession':
      return epPaths.session(link.sessionId);
    case 'users':
      return paths.users;
    case 'backups':
      return backupPaths.page;
    case 'dossier':
      return dossierSectionPath(link.personId, link.section);
    case 'contract':
      return contractPaths.contract(link.contractId);
    case 'fiche':
      return fichePaths.fiche(link.ficheId);
    case 'newFiche':
      return fichePaths.newFiche(link.personId, { type: link.type, motif: link.motif });
  }
}
