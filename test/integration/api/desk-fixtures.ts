/**
 * The world of the desk tests (clock: 2 March 2026): the EP world (référent A's dossiers with orientations,
 * saisines and accepted fiches; référent B's dossier), a dossier of another MDS, and extra due items of every kind
 * and severity written straight into `due_items` (the desk reads them as the engine leaves them) so that filters,
 * sorting and paging have something to chew on. Helpers give the ground truth from SQL.
 */
import { refreshDirtyDueItems } from '../../../main/services/desk/due';
import { ECHEANCE_KINDS, SEVERITIES } from '../../../shared/domain/rules/echeancier';
import { addDaysIso } from '../../../shared/domain/rules/dates';
import { epWorld, moveToOtherTerritory, TODAY, withSql, type EpWorld } from './ep-fixtures';
import { dossierInput, type Harness } from './harness';

export interface DeskWorld extends EpWorld {
  other: { id: number; session: string; personId: number; mdsId: number };
}

/** Waits for the daily refresh started at the first call (it runs through the write queue), then flushes dirty dossiers. */
export async function settleDueItems(h: Harness): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const day = await withSql(h, (s) => (s.prepare(`SELECT value FROM desk_state WHERE key = 'due_items_day'`).get() as { value: string } | undefined)?.value);
    if (day === TODAY) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await withSql(h, (s) => s.transaction(() => refreshDirtyDueItems(s, TODAY))());
}

export async function deskWorld(h: Harness): Promise<DeskWorld> {
  const w = await epWorld(h);
  const admin = w.staff.admin.session;
  const password = 'oscar-mot-de-passe';
  const oscar = await h.ok('users.create', { login: 'oscar', displayName: 'Oscar Ailleurs', role: 'correspondant', structure: 'MDS de l’Audomarois', password }, admin);
  await moveToOtherTerritory(h, oscar.id);
  const { session } = await h.ok('auth.login', { login: 'oscar', password });
  const otherDossier = await h.ok('dossiers.create', dossierInput({ nom: 'AILLEURS', prenoms: 'Zoé' }), session);
  await settleDueItems(h);
  const mdsId = await withSql(h, (s) => (s.prepare('SELECT mds_id FROM users WHERE id = ?').get(oscar.id) as { mds_id: number }).mds_id);

  // Extra items: every kind and severity, spread over référent A's and B's dossiers and the other MDS's.
  await withSql(h, (s) => {
    const persons = s
      .prepare(
        `SELECT p.id, p.nom_patronymique AS nom, p.prenoms, p.referent_id, p.correspondant_id, f.mds_id
         FROM persons p JOIN foyers f ON f.id = p.foyer_id ORDER BY p.id`,
      )
      .all() as { id: number; nom: string; prenoms: string; referent_id: number | null; correspondant_id: number | null; mds_id: number }[];
    const insert = s.prepare(
      `INSERT INTO due_items (person_id, mds_id, referent_user_id, correspondant_user_id, person_name, person_sort, kind, severity, date, title, rule)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let n = 0;
    for (const kind of ECHEANCE_KINDS) {
      for (const severity of SEVERITIES) {
        const p = persons[n % persons.length]!;
        const date = addDaysIso(TODAY, ((n * 7) % 90) - 30);
        insert.run(p.id, p.mds_id, p.referent_id, p.correspondant_id, `${p.nom} ${p.prenoms}`, `${p.nom} ${p.prenoms}`.toUpperCase(), kind, severity, date, `Échéance n° ${n}; « ${kind} »`, `Règle ${kind}`);
        n += 1;
      }
    }
  });
  return { ...w, other: { id: oscar.id, session, personId: otherDossier.person.id, mdsId } };
}

/** Ground truth: the ids of the due items of the dossiers where `referentId` is the référent (or every dossier) of an MDS. */
export function expectedItemIds(h: Harness, scope: { mdsId: number; referentId?: number }): Promise<number[]> {
  return withSql(h, (s) =>
    (
      s
        .prepare(
          `SELECT d.id FROM due_items d JOIN persons p ON p.id = d.person_id JOIN foyers f ON f.id = p.foyer_id
           WHERE f.mds_id = ? AND (? IS NULL OR p.referent_id = ?) ORDER BY d.id`,
        )
        .all(scope.mdsId, scope.referentId ?? null, scope.referentId ?? null) as { id: number }[]
    ).map((r) => r.id),
  );
}

export const mdsOf = (h: Harness, userId: number): Promise<number> =>
  withSql(h, (s) => (s.prepare('SELECT mds_id FROM users WHERE id = ?').get(userId) as { mds_id: number }).mds_id);

export const auditExports = (h: Harness): Promise<{ user_login: string; entity_id: string; after_json: string }[]> =>
  withSql(h, (s) => s.prepare(`SELECT user_login, entity_id, after_json FROM audit_log WHERE entity = 'export' ORDER BY id`).all() as never);
