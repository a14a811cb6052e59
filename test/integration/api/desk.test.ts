/**
 * The desk's read side through the API: the échéancier across dossiers (scope, filters, sorting, paging, calendar,
 * CSV export and its journal line), the badge, and « Mon activité » per role (only what the role may see; every
 * count equals the total of the list its link opens).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api/contract';
import type { DeskSection, DueItem } from '../../../shared/api/desk';
import { parseCsv } from '../../../shared/domain/csv';
import { ECHEANCE_KIND_LABELS, ECHEANCE_KINDS, SEVERITIES, SEVERITY_LABELS } from '../../../shared/domain/rules/echeancier';
import { allTablesState } from './interview-fixtures';
import { auditExports, deskWorld, expectedItemIds, mdsOf, settleDueItems, type DeskWorld } from './desk-fixtures';
import { TODAY, withSql } from './ep-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: DeskWorld;
let mds: number;

beforeAll(async () => {
  h = await startHarness();
  w = await deskWorld(h);
  mds = await mdsOf(h, w.staff.correspondant.id);
}, 120_000);
afterAll(async () => {
  await h.dispose();
});

const all = async (session: string, filter: Record<string, unknown> = {}, sort: 'date' | 'severity' | 'person' | 'kind' = 'date', direction: 'asc' | 'desc' = 'asc') =>
  h.ok('echeancier.list', { filter, sort, direction, limit: 500 } as never, session);
const ids = (items: readonly DueItem[]) => items.map((i) => i.id).sort((a, b) => a - b);

describe('échéancier: scope', () => {
  it('a référent sees exactly the items of the dossiers where they are the named référent', async () => {
    for (const who of [w.staff.referentA, w.staff.referentB]) {
      const expected = await expectedItemIds(h, { mdsId: mds, referentId: who.id });
      const got = await all(who.session);
      expect(got.total).toBe(expected.length);
      expect(ids(got.items)).toEqual(expected);
      expect(got.items.every((i) => i.referent?.id === who.id)).toBe(true);
    }
    const a = await all(w.staff.referentA.session);
    expect(new Set(a.items.map((i) => i.personId)).size).toBeGreaterThanOrEqual(4);
    expect(a.items.map((i) => i.personId)).not.toContain(w.dB.person.id);
  });

  it('the other roles see every item of their MDS, never another MDS’s', async () => {
    const expected = await expectedItemIds(h, { mdsId: mds });
    for (const session of [w.staff.correspondant.session, w.staff.secretaire.session, w.staff.admin.session]) {
      const got = await all(session);
      expect(ids(got.items)).toEqual(expected);
      expect(got.items.map((i) => i.personId)).not.toContain(w.other.personId);
    }
    const other = await all(w.other.session);
    expect(ids(other.items)).toEqual(await expectedItemIds(h, { mdsId: w.other.mdsId }));
    expect(other.items.length).toBeGreaterThan(0);
    expect(other.items.every((i) => i.personId === w.other.personId)).toBe(true);
  });

  it('the personId and referentId filters narrow within the scope, never beyond it', async () => {
    expect((await all(w.staff.referentA.session, { personId: w.dB.person.id })).total).toBe(0);
    expect((await all(w.staff.referentA.session, { referentId: w.staff.referentB.id })).total).toBe(0);
    expect((await all(w.staff.correspondant.session, { personId: w.other.personId })).total).toBe(0);
    const b = await all(w.staff.correspondant.session, { referentId: w.staff.referentB.id });
    expect(ids(b.items)).toEqual(await expectedItemIds(h, { mdsId: mds, referentId: w.staff.referentB.id }));
    const one = await all(w.staff.correspondant.session, { personId: w.reo.person.id });
    expect(one.total).toBeGreaterThan(0);
    expect(one.items.every((i) => i.personId === w.reo.person.id)).toBe(true);
  });

  it('items carry the rule, the référent’s name and the dossier section of their kind', async () => {
    const { items } = await all(w.staff.correspondant.session);
    const avis = items.find((i) => i.kind === 'avis_ep' && i.personId === w.cers.person.id);
    expect(avis).toMatchObject({ section: 'ep', severity: 'en_retard', referent: { id: w.staff.referentA.id, displayName: 'Rémi Référent' } });
    expect(avis?.rule).toMatch(/un mois/);
    expect(items.find((i) => i.kind === 'rendez_vous')?.section).toBe('rendez-vous');
    expect(items.find((i) => i.kind === 'orientation_a_faire')?.section).toBe('orientation');
    expect(items.find((i) => i.kind === 'contrat_echu_sans_renouvellement')?.section).toBe('contrats');
  });
});

describe('échéancier: filters, sorting, paging', () => {
  it('filters by kinds, severities and period', async () => {
    const session = w.staff.correspondant.session;
    const every = (await all(session)).items;
    const kinds = ['avis_ep', 'rendez_vous'] as const;
    const byKind = await all(session, { kinds });
    expect(ids(byKind.items)).toEqual(ids(every.filter((i) => (kinds as readonly string[]).includes(i.kind))));
    const late = await all(session, { severities: ['en_retard', 'urgent'] });
    expect(ids(late.items)).toEqual(ids(every.filter((i) => i.severity === 'en_retard' || i.severity === 'urgent')));
    const period = await all(session, { from: '2026-02-15', to: '2026-03-10' });
    expect(ids(period.items)).toEqual(ids(every.filter((i) => i.date >= '2026-02-15' && i.date <= '2026-03-10')));
    expect(period.total).toBeGreaterThan(0);
    expect(period.total).toBeLessThan(every.length);
  });

  it('sorts in SQL by date, severity, person and kind, both ways', async () => {
    const session = w.staff.correspondant.session;
    const byDate = (await all(session, {}, 'date')).items.map((i) => i.date);
    expect(byDate).toEqual([...byDate].sort());
    const desc = (await all(session, {}, 'date', 'desc')).items.map((i) => i.date);
    expect(desc).toEqual([...byDate].sort().reverse());
    const sev = (await all(session, {}, 'severity')).items.map((i) => SEVERITIES.indexOf(i.severity));
    expect(sev).toEqual([...sev].sort((a, b) => a - b));
    const names = (await all(session, {}, 'person')).items.map((i) => i.personName.toUpperCase());
    expect(names[0]! <= names[names.length - 1]!).toBe(true);
    const kinds = (await all(session, {}, 'kind', 'desc')).items.map((i) => i.kind);
    const rank = (k: string) => ECHEANCE_KINDS.indexOf(k as (typeof ECHEANCE_KINDS)[number]);
    expect(kinds.map(rank)).toEqual(kinds.map(rank).sort((a, b) => b - a));
    expect(new Set(kinds).size).toBeGreaterThan(3);
  });

  it('pages: the pages put together are the whole list, the total does not move', async () => {
    const session = w.staff.correspondant.session;
    const whole = await all(session, {}, 'severity');
    const pages: DueItem[] = [];
    for (let offset = 0; offset < whole.total; offset += 7) {
      const page = await h.ok('echeancier.list', { filter: {}, sort: 'severity', offset, limit: 7 }, session);
      expect(page.total).toBe(whole.total);
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page.computedFor).toBe(TODAY);
      pages.push(...page.items);
    }
    expect(pages.map((i) => i.id)).toEqual(whole.items.map((i) => i.id));
  });

  it('refuses a period ending before it starts, an unknown kind, a page too large', async () => {
    const session = w.staff.correspondant.session;
    const e = await h.err('echeancier.list', { filter: { from: '2026-03-10', to: '2026-03-01' } }, 'VALIDATION', session);
    expect(e.message).toMatch(/début/);
    await h.err('echeancier.list', { filter: { kinds: ['inconnu'] } } as never, 'VALIDATION', session);
    await h.err('echeancier.list', { limit: 501 }, 'VALIDATION', session);
  });
});

describe('échéancier: calendar and badge', () => {
  it('counts per day and severity: every day of the range, summing to the list over the same period', async () => {
    const session = w.staff.referentA.session;
    const from = '2026-02-01';
    const to = '2026-03-31';
    const days = await h.ok('echeancier.calendar', { from, to }, session);
    expect(days).toHaveLength(59);
    expect(days[0]!.date).toBe(from);
    expect(days.at(-1)!.date).toBe(to);
    const list = await all(session, { from, to });
    const sum = days.reduce((s, d) => s + d.enRetard + d.urgent + d.aVenir + d.info, 0);
    expect(sum).toBe(list.total);
    const lateByList = list.items.filter((i) => i.severity === 'en_retard').length;
    expect(days.reduce((s, d) => s + d.enRetard, 0)).toBe(lateByList);
    const filtered = await h.ok('echeancier.calendar', { from, to, filter: { kinds: ['avis_ep'] } }, session);
    expect(filtered.reduce((s, d) => s + d.enRetard + d.urgent + d.aVenir + d.info, 0)).toBe((await all(session, { from, to, kinds: ['avis_ep'] })).total);
  });

  it('refuses more than 62 days or a reversed range', async () => {
    const session = w.staff.referentA.session;
    const e = await h.err('echeancier.calendar', { from: '2026-01-01', to: '2026-03-31' }, 'VALIDATION', session);
    expect(e.fieldErrors?.to).toMatch(/62 jours/);
    await h.err('echeancier.calendar', { from: '2026-03-02', to: '2026-03-01' }, 'VALIDATION', session);
  });

  it('the badge counts the items en retard and urgent of the actor’s échéancier', async () => {
    for (const session of [w.staff.referentA.session, w.staff.referentB.session, w.staff.correspondant.session, w.other.session]) {
      const { items } = await all(session);
      const badge = await h.ok('desk.badge', {}, session);
      expect(badge).toEqual({
        enRetard: items.filter((i) => i.severity === 'en_retard').length,
        urgent: items.filter((i) => i.severity === 'urgent').length,
      });
    }
    const a = await h.ok('desk.badge', {}, w.staff.referentA.session);
    expect(a.enRetard + a.urgent).toBeGreaterThan(0);
  });
});

describe('échéancier: CSV export', () => {
  it('the whole filtered list for Excel: BOM, `;`, French headers, dd/mm/yyyy, parsed back to the same rows; recorded in the journal', async () => {
    const session = w.staff.referentA.session;
    const filter = { severities: ['en_retard', 'urgent', 'a_venir'] as ('en_retard' | 'urgent' | 'a_venir')[] };
    const list = await all(session, filter);
    const before = await auditExports(h);
    const out = await h.ok('echeancier.export', { filter }, session);
    expect(out.fileName).toBe(`echeancier-${TODAY}.csv`);
    expect(out.rows).toBe(list.total);
    expect(out.csv.startsWith('\uFEFFDate;Échéance;Gravité;Bénéficiaire;Référent;Détail;Règle\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(out.csv);
    expect(header).toEqual(['Date', 'Échéance', 'Gravité', 'Bénéficiaire', 'Référent', 'Détail', 'Règle']);
    expect(rows).toHaveLength(list.total);
    const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    expect(rows).toEqual(
      list.items.map((i) => [dmy(i.date), ECHEANCE_KIND_LABELS[i.kind], SEVERITY_LABELS[i.severity], i.personName, i.referent?.displayName ?? '', i.title, i.rule]),
    );
    // A title with `;` and quotes survives the trip.
    expect(rows.some((r) => r[5]!.includes(';') && r[5]!.includes('«'))).toBe(true);
    const after = await auditExports(h);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ user_login: 'remi', entity_id: out.fileName });
    expect(JSON.parse(after.at(-1)!.after_json)).toEqual({ list: 'echeancier', filter, rows: list.total });
  });

  it('exports only the actor’s scope', async () => {
    const out = await h.ok('echeancier.export', {}, w.staff.referentB.session);
    expect(out.rows).toBe((await expectedItemIds(h, { mdsId: mds, referentId: w.staff.referentB.id })).length);
    expect(out.csv).not.toContain('LEBRUN');
  });

  it('a refused export writes nothing', async () => {
    const before = await allTablesState(h);
    await h.err('echeancier.export', { filter: { from: '2026-04-01', to: '2026-03-01' } }, 'VALIDATION', w.staff.correspondant.session);
    await h.err('echeancier.export', { filter: {}, extra: 1 } as never, 'VALIDATION', w.staff.correspondant.session);
    await h.err('desk.mine', { extra: 1 } as never, 'VALIDATION', w.staff.correspondant.session);
    expect(await allTablesState(h)).toEqual(before);
  });
});

type Desk = MethodOutput<'desk.mine'>;

/** The total of the list a section's link opens, through the API, as the screen opens it. */
async function linkedTotal(section: DeskSection, session: string): Promise<number | null> {
  const link = section.link;
  switch (link.to) {
    case 'echeancier':
      return (await h.ok('echeancier.list', { filter: link.filter, limit: 1 }, session)).total;
    case 'worklist':
      return (await h.ok('worklists.list', { list: link.list, limit: 1 }, session)).total;
    case 'fiches':
      return (await h.ok('fiches.inbox', {}, session)).length;
    default:
      return null;
  }
}

async function checkDesk(desk: Desk, session: string, keys: string[]): Promise<void> {
  expect(desk.today).toBe(TODAY);
  expect(desk.sections.map((s) => s.key)).toEqual(keys);
  for (const section of desk.sections) {
    expect(section.rows.length, section.key).toBeLessThanOrEqual(10);
    expect(section.rows.length, section.key).toBeLessThanOrEqual(section.count);
    const total = await linkedTotal(section, session);
    if (total !== null) expect(section.count, section.key).toBe(total);
    if (section.count === 0) expect(section.tone).toBe('neutral');
  }
}

const dossiersOf = (desk: Desk) =>
  desk.sections.flatMap((s) => s.rows.map((r) => r.link)).flatMap((l) => (l.to === 'dossier' ? [l.personId] : []));

describe('« Mon activité » by role', () => {
  it('référent: next due items of their own dossiers, rendez-vous, contracts ending, fiches sent, validations', async () => {
    const desk = await h.ok('desk.mine', {}, w.staff.referentA.session);
    await checkDesk(desk, w.staff.referentA.session, ['mes_echeances', 'rendez_vous', 'contrats_fin_proche', 'fiches_envoyees', 'validations_recues']);
    const mine = desk.sections[0]!;
    expect(mine.count).toBeGreaterThan(0);
    // One row per dossier, the most pressing first, each opening the dossier at the item's section.
    const persons = mine.rows.map((r) => (r.link.to === 'dossier' ? r.link.personId : 0));
    expect(new Set(persons).size).toBe(persons.length);
    const order = mine.rows.map((r) => SEVERITIES.indexOf(r.severity!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(mine.tone).toBe('error');
    const rdv = desk.sections[1]!;
    expect(rdv.link).toEqual({ to: 'echeancier', filter: { kinds: ['rendez_vous'], from: TODAY, to: '2026-03-09' } });
    // Never another référent's dossier.
    const own = new Set((await all(w.staff.referentA.session)).items.map((i) => i.personId));
    expect(dossiersOf(desk).every((p) => own.has(p))).toBe(true);
    const b = await h.ok('desk.mine', {}, w.staff.referentB.session);
    expect(dossiersOf(b).every((p) => p === w.dB.person.id || !own.has(p))).toBe(true);
    expect(dossiersOf(b)).not.toContain(w.reo.person.id);
  });

  it('correspondant: without orientation, to decide, contracts to validate, fiches to process, late signatures, CERS at 12 months', async () => {
    const desk = await h.ok('desk.mine', {}, w.staff.correspondant.session);
    await checkDesk(desk, w.staff.correspondant.session, [
      'sans_orientation',
      'orientations_a_decider',
      'contrats_a_valider',
      'fiches_a_traiter',
      'contrats_non_signes',
      'cers_12_mois',
    ]);
    const fiches = desk.sections.find((s) => s.key === 'fiches_a_traiter')!;
    expect(fiches.count).toBe(2);
    expect(fiches.rows.every((r) => r.link.to === 'fiche')).toBe(true);
    expect(dossiersOf(desk)).not.toContain(w.other.personId);
    const other = await h.ok('desk.mine', {}, w.other.session);
    await checkDesk(other, w.other.session, desk.sections.map((s) => s.key));
    expect(other.sections.find((s) => s.key === 'fiches_a_traiter')!.count).toBe(0);
  });

  it('secrétaire EP: saisines by avis deadline, sessions to prepare, decisions awaiting the Président, letters', async () => {
    const desk = await h.ok('desk.mine', {}, w.staff.secretaire.session);
    await checkDesk(desk, w.staff.secretaire.session, ['avis_ep', 'seances_a_preparer', 'decisions_president', 'courriers_a_envoyer']);
    const avis = desk.sections[0]!;
    expect(avis.count).toBe((await all(w.staff.secretaire.session, { kinds: ['avis_ep'] })).total);
    expect(avis.rows.map((r) => r.label)).toContain('GIRARD Nina');
    expect(avis.rows[0]!.severity).toBe('en_retard');
    expect(desk.sections[1]).toMatchObject({ count: 0, tone: 'neutral', link: { to: 'ep' } });
    const session = await h.ok(
      'ep.sessions.create',
      { date: '2026-03-20', place: 'MDS de l’Arrageois, salle 2', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 } as never,
      w.staff.secretaire.session,
    );
    const again = await h.ok('desk.mine', {}, w.staff.secretaire.session);
    expect(again.sections[1]).toMatchObject({ count: 1, rows: [{ label: 'Séance du 20/03/2026', link: { to: 'epSession', sessionId: session.id } }] });
    expect(again.sections[3]).toMatchObject({ count: 0, tone: 'neutral' });

    // A decision recorded (written straight into the tables): its letter to the beneficiary is to send until archived.
    const sec = w.staff.secretaire;
    const itemId = await withSql(h, (s) => {
      const item = Number(
        s.prepare('INSERT INTO ep_session_items (session_id, saisine_id, position, created_by) VALUES (?, ?, 1, ?)').run(session.id, w.saisines.cers, sec.id).lastInsertRowid,
      );
      s.prepare(`INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, '2026-03-01', 'favorable', 'aucun', ?, 'Sam')`).run(
        item,
        w.saisines.cers,
        sec.id,
      );
      return item;
    });
    await settleDueItems(h);
    const decided = await h.ok('desk.mine', {}, sec.session);
    await checkDesk(decided, sec.session, ['avis_ep', 'seances_a_preparer', 'decisions_president', 'courriers_a_envoyer']);
    expect(decided.sections[3]).toMatchObject({ count: 1, tone: 'warning', rows: [{ detail: '1 courrier de décision à produire', link: { to: 'epSession', sessionId: session.id } }] });
    await withSql(h, (s) =>
      s
        .prepare(
          `INSERT INTO documents (kind, person_id, source_entity, source_id, source_version, input_hash, title, file_name, page_count, sha256, size, pdf, created_by_name)
           VALUES ('ep_decision_beneficiaire', ?, 'ep_session_item', ?, 1, 'h', 'Décision', 'decision.pdf', 1, 'h', 1, x'00', 'Sam')`,
        )
        .run(w.cers.person.id, itemId),
    );
    expect((await h.ok('desk.mine', {}, sec.session)).sections[3]).toMatchObject({ count: 0, rows: [] });
  });

  it('administrateur: accounts, reference data versions, database size and the last backup', async () => {
    const desk = await h.ok('desk.mine', {}, w.staff.admin.session);
    expect(desk.sections.map((s) => s.key)).toEqual(['comptes', 'referentiels', 'sante']);
    const accounts = desk.sections[0]!;
    expect(accounts.count).toBe(5);
    expect(accounts.rows.map((r) => `${r.label} : ${r.detail}`)).toEqual([
      'Administrateur : 1 compte actif',
      'Correspondant SLAI : 1 compte actif',
      'Secrétaire EP : 1 compte actif',
      'Référent : 2 comptes actifs',
    ]);
    expect(desk.sections[1]!.rows.find((r) => r.label === 'Grille de l’EDE')?.detail).toMatch(/^version \d+/);
    const health = desk.sections[2]!.rows.map((r) => `${r.label} : ${r.detail}`);
    expect(health[0]).toBe('Dernière sauvegarde : aucune sauvegarde n’est encore faite');
    expect(health[1]).toMatch(/^Taille de la base de données : \d+,\d Mo$/);
  });

  it('records each visit: none before the first, then the previous one, for the validations received since', async () => {
    const user = await h.ok('users.create', { login: 'nadia', displayName: 'Nadia Nouvelle', role: 'referent', structure: 'MDS', password: 'nadia-mot-de-passe' }, w.staff.admin.session);
    const { session } = await h.ok('auth.login', { login: 'nadia', password: 'nadia-mot-de-passe' });
    h.clock.advanceMinutes(5);
    const firstAt = h.clock.now.toISOString();
    const first = await h.ok('desk.mine', {}, session);
    expect(first.previousVisitAt).toBeNull();
    expect(first.sections.every((s) => s.count === 0 && s.tone === 'neutral' && s.empty.length > 0)).toBe(true);
    h.clock.advanceMinutes(5);
    const second = await h.ok('desk.mine', {}, session);
    expect(second.previousVisitAt).toBe(firstAt);
    const visits = await withSql(h, (s) => s.prepare('SELECT last_visit_at, previous_visit_at FROM desk_visits WHERE user_id = ?').get(user.id));
    expect(visits).toEqual({ last_visit_at: h.clock.now.toISOString(), previous_visit_at: firstAt });
  });

  it('needs a session', async () => {
    await h.err('desk.mine', {}, 'UNAUTHENTICATED');
    await h.err('echeancier.list', {}, 'UNAUTHENTICATED');
  });
});
