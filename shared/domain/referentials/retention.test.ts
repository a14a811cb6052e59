import { describe, expect, it } from 'vitest';
import { dossierPurgeDate, dossierRetentionStage, draftsToDelete, RETENTION_REFERENTIAL } from './retention';

describe('retention referential', () => {
  it('states a legal basis next to every duration, and is frozen', () => {
    const d = RETENTION_REFERENTIAL.data;
    for (const rule of [d.dossier, d.drafts, d.journal, d.backups]) {
      expect(rule.basis.length).toBeGreaterThan(0);
      for (const line of rule.basis) expect(line).toMatch(/RGPD|CNIL|CASF|code civil/);
    }
    expect(Object.isFrozen(d.dossier)).toBe(true);
    expect(d.drafts).toMatchObject({ maxAgeDays: 30, maxPerUser: 50 });
  });

  it('a dossier is in the base active 2 years, then in archivage intermédiaire 3 years, then due for anonymisation', () => {
    expect(dossierPurgeDate('2020-03-15')).toBe('2025-03-15');
    expect(dossierRetentionStage('2020-03-15', '2022-03-14')).toBe('base_active');
    expect(dossierRetentionStage('2020-03-15', '2022-03-15')).toBe('archivage_intermediaire');
    expect(dossierRetentionStage('2020-03-15', '2025-03-14')).toBe('archivage_intermediaire');
    expect(dossierRetentionStage('2020-03-15', '2025-03-15')).toBe('a_anonymiser');
  });

  it('reads the durations from the referential given', () => {
    const rules = { ...RETENTION_REFERENTIAL.data, dossier: { ...RETENTION_REFERENTIAL.data.dossier, activeYears: 1, intermediateYears: 0 } };
    expect(dossierPurgeDate('2020-03-15', rules)).toBe('2021-03-15');
  });
});

describe('drafts', () => {
  const now = new Date('2026-03-31T12:00:00.000Z');
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();

  it('deletes drafts older than 30 days, keeps the others', () => {
    const drafts = [
      { key: 'a', updatedAt: at(31) },
      { key: 'b', updatedAt: at(29) },
      { key: 'c', updatedAt: at(30.01) },
    ];
    expect(draftsToDelete(drafts, now).sort()).toEqual(['a', 'c']);
  });

  it('caps the drafts per user: the oldest go, never the one being saved', () => {
    const drafts = Array.from({ length: 53 }, (_, i) => ({ key: `k${i}`, updatedAt: at(i / 10) }));
    // k0 is the newest… k52 the oldest; k52 is being saved (its old date is about to be replaced).
    const gone = draftsToDelete(drafts, now, 'k52');
    expect(gone).toHaveLength(3);
    expect(gone.sort()).toEqual(['k49', 'k50', 'k51']);
    expect(draftsToDelete(drafts.slice(0, 50), now)).toEqual([]);
  });
});
