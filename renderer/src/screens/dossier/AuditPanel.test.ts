import { describe, expect, it } from 'vitest';
import { auditChanges } from './AuditPanel';

describe('audit changes', () => {
  it('lists changed fields with French labels and dd/mm/yyyy dates, hiding bookkeeping keys', () => {
    const changes = auditChanges(
      'person',
      { nomUsage: null, dateNaissance: '1985-03-15', portable: '0611111111', version: 1, prenoms: 'Marie' },
      { nomUsage: 'Martin', dateNaissance: '1985-03-16', portable: '0611111111', version: 2, prenoms: 'Marie' },
    );
    expect(changes).toEqual([
      { path: 'nomUsage', label: 'Nom d’usage', before: '(vide)', after: 'Martin' },
      { path: 'dateNaissance', label: 'Date de naissance', before: '15/03/1985', after: '16/03/1985' },
    ]);
  });

  it('follows nested objects and arrays', () => {
    const changes = auditChanges(
      'foyer',
      { address: { city: 'Lens' }, enfants: [] },
      { address: { city: 'Liévin' }, enfants: [{ prenom: 'Léo' }] },
    );
    expect(changes.map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual([
      'Commune: Lens → Liévin',
      'Prénom de l’enfant: (vide) → Léo',
    ]);
  });
});
