/**
 * Issue 11, the signature of a contract: the EDE « au préalable, à l’élaboration du contrat » and again at each
 * renewal (refused without it; an administrator's written override; a non-administrator's override refused; bad
 * input writes nothing), and the non-conclusion sanction whose schedule the signature ends (recomputed, the
 * previous schedule kept, journaled, told to the user and shown with the sanction).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/api/contracts';
import { cerpInput, cersInput, contractsWorld, everyTable, expectNothingWritten, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { epWorld, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { ADMIN, PASSWORDS, startHarness, type Harness } from './harness';

const LEVELS = [2, 2, 3, 2, 2, 3, 2, 2];
const signInput = (c: ContractView, date: string, extra: { edeWaiverReason?: string } = {}) => ({
  contractId: c.id,
  version: c.version,
  referent: { nom: 'Rémi Référent', date },
  beneficiaire: { nom: 'Anne Martin', date },
  ...extra,
});

describe('EDE before the contract', () => {
  let h: Harness;
  let w: ContractsWorld;
  let s: ReturnType<typeof sessions>;
  let draft: ContractView;

  beforeAll(async () => {
    h = await startHarness();
    w = await contractsWorld(h);
    s = sessions(w.staff);
    draft = await h.ok('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31')]), s.refA);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('without any EDE the signature is refused, saying what to do; the draft says it beforehand; nothing written', async () => {
    expect(draft.edeBeforeSignature).toMatch(/Aucune échelle de distance à l’emploi.*Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature\./);
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.sign', signInput(draft, '2025-01-31'), 'RULE', s.refA);
      expect(e.fieldErrors?.ede).toMatch(/Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature/);
      expect(e.message).toBe(e.fieldErrors?.ede);
    });
  });

  it('a référent or a correspondent may not override it; a too short reason is invalid; nothing written', async () => {
    await expectNothingWritten(h, async () => {
      for (const session of [s.refA, s.corr]) {
        const e = await h.err('contracts.sign', signInput(draft, '2025-01-31', { edeWaiverReason: 'Bénéficiaire hospitalisé, EDE impossible' }), 'FORBIDDEN', session);
        expect(e.message).toMatch(/Seul un administrateur peut faire signer un contrat sans échelle de distance à l’emploi, avec un motif écrit/);
        expect(Object.keys(e.fieldErrors ?? {})).toEqual(['edeWaiverReason']);
      }
      const short = await h.err('contracts.sign', signInput(draft, '2025-01-31', { edeWaiverReason: 'urgent' }), 'VALIDATION', s.admin);
      expect(short.fieldErrors?.edeWaiverReason).toBe('Motif de la signature sans EDE : 10 caractères au moins');
    });
  });

  it('an EDE made after the signature date does not count; one made before does', async () => {
    await recordEde(h, s.refA, w.dA.person.id, '2025-02-10', LEVELS);
    const late = await h.err('contracts.sign', signInput(draft, '2025-01-31'), 'RULE', s.refA);
    expect(late.fieldErrors?.ede).toMatch(/L’échelle de distance à l’emploi du 10\/02\/2025 est postérieure à la signature \(31\/01\/2025\)/);
    const signed = await h.ok('contracts.sign', signInput(draft, '2025-02-10'), s.refA);
    expect(signed).toMatchObject({ status: 'signe', signedOn: '2025-02-10', edeWaiver: null, edeBeforeSignature: null, sanctionChanges: [] });
  });

  it('a renewal needs a new EDE, made since the previous contract began', async () => {
    let c = await h.ok('contracts.get', { contractId: draft.id }, s.refA);
    c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2025-02-11' }, s.refA);
    c = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2025-02-12' }, s.corr);
    c = await h.ok('contracts.start', { contractId: c.id, version: c.version, date: '2025-02-12' }, s.refA);
    c = await h.ok('contracts.saveBilan', { contractId: c.id, version: c.version, pap: { actions: [{ resultat: 'atteint', bilan: 'Fait' }] } }, s.refA);
    const renewal = await h.ok('contracts.renew', { contractId: c.id, version: c.version, durationMonths: 6, newActions: [] }, s.refA);
    // The EDE of 10 February prepared the previous contract (signed that day): not a new one.
    expect(renewal.edeBeforeSignature).toMatch(/est celle de la signature du contrat précédent \(10\/02\/2025\).*à chaque renouvellement/);
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.sign', signInput(renewal, '2025-07-20'), 'RULE', s.refA);
      expect(e.fieldErrors?.ede).toMatch(/La dernière échelle de distance à l’emploi \(10\/02\/2025\) est celle de la signature du contrat précédent/);
    });
    await recordEde(h, s.refA, w.dA.person.id, '2025-07-15', LEVELS);
    expect((await h.ok('contracts.sign', signInput(renewal, '2025-07-20'), s.refA)).status).toBe('signe');
  });

  it('an administrator signs without the EDE with a written reason, kept on the contract and in the journal', async () => {
    // Dossier B has only an EDE dated after this signature.
    await recordEde(h, s.refB, w.dB.person.id, '2025-06-20', LEVELS);
    const base = await h.ok('contracts.create', cerpInput(w.dB.person.id), s.refB);
    const reason = 'Bénéficiaire hospitalisé : l’EDE sera réalisée à sa sortie.';
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.sign', signInput(base, '2025-06-13'), 'RULE', s.admin);
      expect(e.fieldErrors?.ede).toMatch(/du 20\/06\/2025 est postérieure à la signature \(13\/06\/2025\)/);
    });
    const signed = await h.ok('contracts.sign', { ...signInput(base, '2025-06-13', { edeWaiverReason: `  ${reason} ` }), beneficiaire: { nom: 'Bruno Bernard', date: '2025-06-13' } }, s.admin);
    expect(signed).toMatchObject({ status: 'signe', edeWaiver: { reason, byName: ADMIN.displayName } });
    expect(await h.ok('contracts.get', { contractId: signed.id }, s.refB)).toMatchObject({ edeWaiver: { reason } });
    const audit = (await everyTable(h)).audit_log as { entity: string; entity_id: string; user_login: string; after_json: string | null }[];
    const entry = audit.filter((e) => e.entity === 'contract' && e.entity_id === String(signed.id)).at(-1)!;
    expect(entry.user_login).toBe('admin');
    expect(JSON.parse(entry.after_json!)).toMatchObject({ status: 'signe', edeWaiverReason: reason, edeWaiverById: w.staff.admin.id });
  });
});

describe('a sanction « jusqu’à la signature du contrat »', () => {
  let h: Harness;
  let w: EpWorld;

  beforeAll(async () => {
    h = await startHarness();
    w = await epWorld(h);
    const sec = w.staff.secretaire.session;
    let session = await h.ok(
      'ep.sessions.create',
      { date: TODAY, place: 'MDS de l’Arrageois', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' },
      sec,
    );
    session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp] }, sec);
    for (const to of ['dossiers_inscrits', 'convocations_envoyees', 'tenue'] as const) session = await h.ok('ep.sessions.advance', { sessionId: session.id, to }, sec);
    const itemId = session.items[0]!.itemId;
    await h.ok('ep.sessions.recordAvis', { sessionId: session.id, itemId, date: TODAY, sens: 'favorable', motivation: 'Contrat non signé.' }, sec);
    await h.ok('ep.sessions.recordDecision', { sessionId: session.id, itemId, date: TODAY, sens: 'favorable', ...SIGNATORY }, sec);
  }, 120_000);
  afterAll(async () => {
    await h?.dispose();
  });

  it('the contract signed after the Président’s decision ends the schedule: recomputed, the previous one kept, journaled and told', async () => {
    const [before] = await h.ok('ep.sanctionsForDossier', { personId: w.susp.person.id }, w.staff.referentA.session);
    expect(before).toMatchObject({ kind: 'non_conclusion', start: '2026-04-01', stoppedBy: 'horizon', recomputation: null });
    expect(before!.lines).toHaveLength(24);

    // Mid-May: the contract is finally signed on 15 May (April and May were sanctioned).
    h.clock.advanceMinutes(75 * 24 * 60);
    const { session: ref } = await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA });
    await recordEde(h, ref, w.susp.person.id, '2026-05-12', LEVELS);
    const draft = await h.ok('contracts.create', cersInput(w.susp.person.id, [row('A.1.1', '2026-05-18', '2026-09-30')], { start: '2026-05-18' }), ref);
    const signed = await h.ok('contracts.sign', { ...signInput(draft, '2026-05-15'), beneficiaire: { nom: 'Marc Fontaine', date: '2026-05-15' } }, ref);
    expect(signed.status).toBe('signe');
    expect(signed.sanctionChanges).toEqual([
      expect.stringMatching(
        /^Échéancier recalculé le 16\/05\/2026 à \d\d:\d\d : le contrat signé le 15\/05\/2026 met fin à la sanction au 01\/06\/2026, soit 2 mois de sanction \(avant : 24 mois de sanction, sans fin prévue avant la signature du contrat\)\.$/,
      ),
    ]);

    const [after] = await h.ok('ep.sanctionsForDossier', { personId: w.susp.person.id }, ref);
    expect(after).toMatchObject({ id: before!.id, stoppedBy: 'signature', recomputation: { contractSignedOn: '2026-05-15', text: signed.sanctionChanges[0] } });
    expect(after!.lines.map((l) => l.month)).toEqual(['2026-04-01', '2026-05-01']);
    expect(after!.lines).toEqual(before!.lines.slice(0, 2));

    const tables = await everyTable(h);
    const row0 = (tables.ep_sanctions as { id: number; previous_schedule_json: string; contract_signed_on: string; recomputed_at: string }[])[0]!;
    expect(JSON.parse(row0.previous_schedule_json)).toMatchObject({ stoppedBy: 'horizon', lines: expect.any(Array) });
    expect(JSON.parse(row0.previous_schedule_json).lines).toHaveLength(24);
    const audit = (tables.audit_log as { entity: string; entity_id: string; action: string; user_login: string; before_json: string; after_json: string }[]).filter(
      (e) => e.entity === 'ep_sanction' && e.action === 'update',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(row0.id), user_login: 'remi' });
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ contractSignedOn: '2026-05-15', recomputedAt: row0.recomputed_at });

    // The dossier's EP section shows it with the decision too.
    const outcomes = await h.ok('ep.outcomesForDossier', { personId: w.susp.person.id }, ref);
    expect(outcomes[0]!.decision!.sanction!.recomputation?.contractSignedOn).toBe('2026-05-15');
  });
});
