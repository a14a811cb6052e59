/** Sessions and agenda items the EP screen tests share. */
import type { EpSession } from '../../../../shared/api/ep';
import type { User } from '../../../../shared/api/contract';
import { quorum } from '../../../../shared/domain/rules/ep-sessions';

export const SECRETAIRE: User = { id: 4, login: 's.leroy', displayName: 'Sophie Leroy', role: 'secretaire_ep', structure: 'Secrétariat EP', mdsId: 1, active: true };

export function baseSession(over: Partial<EpSession> = {}): EpSession {
  return {
    id: 7,
    epId: 1,
    territory: 'Lens-Hénin',
    date: '2026-12-03',
    place: 'Salle du conseil',
    startTime: '09:00',
    status: 'creee',
    statusLabel: 'Créée',
    cases: 0,
    slotConfig: { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' },
    convocationsSentOn: null,
    heldOn: null,
    closedOn: null,
    cancelledOn: null,
    cancelReason: null,
    items: [],
    attendance: [],
    quorum: quorum(0, []),
    next: { state: 'dossiers_inscrits', label: 'Dossiers inscrits', blockers: ['Inscrivez au moins un dossier à l’ordre du jour.'] },
    version: 1,
    ...over,
  };
}

export const ITEM: EpSession['items'][number] = {
  itemId: 31,
  saisineId: 21,
  position: 1,
  slotStart: '09:00',
  status: 'inscrit',
  removalReason: null,
  person: { personId: 10, nomPatronymique: 'Dupont', nomUsage: null, prenoms: 'Marie', cafNumber: '1234567' },
  origin: 'fiche_suspension',
  originLabel: 'Demande de suspension (fiche de liaison)',
  theme: 'Suspension',
  saisineDate: '2026-11-20',
  avisDeadline: '2026-12-20',
  avis: null,
  decision: null,
};
