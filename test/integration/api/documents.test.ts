/**
 * Printed documents through the API: a final document is archived once (hash, date, author, audited) and a
 * reprint returns the identical bytes; drafts are not archived; an unsigned contract prints only as a draft with
 * its watermark; the dossier's access rules apply; printing goes through the injected print service.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentPrinter } from '../../../main/app';
import { missingValues, pdfPages } from '../../fixtures/documents/pdf-tools';
import type { ContractView } from '../../../shared/api/contracts';
import { cerpInput, cersInput, contractsWorld, everyTable, expectNothingWritten, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { PASSWORDS, startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;
let signed: ContractView;
let unsigned: ContractView;
/** The EDE made before the contract (required at its signature), printed below. */
let edeId: number;

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const documentRows = async () => (await everyTable(h)).documents as { id: number; sha256: string; pdf: string; created_by_name: string; is_final: number }[];
const documentAudit = async () =>
  ((await everyTable(h)).audit_log as { entity: string; entity_id: string; action: string; user_login: string; after_json: string }[]).filter(
    (r) => r.entity === 'document',
  );

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  const c = await h.ok('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31'), row('D.1.1', '2025-03-01', '2025-07-31')]), s.refA);
  edeId = await recordEde(h, s.refA, w.dA.person.id, '2025-01-20', [4, 2, 5, 3, 1, 3, 6, 4]);
  signed = await h.ok(
    'contracts.sign',
    { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2025-01-31' }, beneficiaire: { nom: 'Anne Martin', date: '2025-01-30' } },
    s.refA,
  );
  unsigned = await h.ok('contracts.create', cerpInput(w.dB.person.id), s.refB);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

describe('documents.generate: a signed contract', () => {
  let first: Awaited<ReturnType<typeof generateFinal>>;
  const generateFinal = () => h.ok('documents.generate', { kind: 'contrat', sourceId: signed.id, final: true }, s.refA);

  it('archives the final document with its hash, date and author, in the same transaction as its audit entry', async () => {
    first = await generateFinal();
    const pdf = bytesOf(first.base64);
    expect(first.document).toMatchObject({
      kind: 'contrat',
      personId: w.dA.person.id,
      sourceEntity: 'contract',
      sourceId: signed.id,
      sourceVersion: signed.version,
      copies: 2,
      isFinal: true,
      createdAt: '2026-03-02T09:00:00.000Z',
      createdBy: 'Rémi Référent',
      mime: 'application/pdf',
    });
    expect(first).toMatchObject({ reprint: false, watermark: null, size: pdf.length, sha256: sha256(pdf), copies: 2 });
    expect(first.document!.sha256).toBe(sha256(pdf));
    // Both originals, each with its mark.
    const pages = pdfPages(pdf);
    expect(first.pageCount).toBe(pages.length);
    expect(pages[0]).toContain('Exemplaire original 1/2 – transmis au SLAI');
    expect(pages.at(-1)).toContain('Exemplaire original 2/2 – transmis au SLAI');
    expect(missingValues(pdf, ['MARTIN', 'Anne', 'Stabiliser la situation de logement et de budget', 'Fait à MDS d’Arras, le 31 janvier 2025', 'Anne Martin'])).toEqual([]);

    const rows = await documentRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.document!.id, sha256: sha256(pdf), created_by_name: 'Rémi Référent', is_final: 1 });
    expect(Buffer.from(rows[0]!.pdf, 'hex').equals(pdf)).toBe(true);
    const audit = await documentAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(first.document!.id), action: 'create', user_login: 'remi' });
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ kind: 'contrat', sha256: sha256(pdf), source: { entity: 'contract', id: signed.id, version: signed.version } });
  });

  it('a reprint returns the archived bytes, identical, without archiving again', async () => {
    await expectNothingWritten(h, async () => {
      const again = await generateFinal();
      expect(again).toMatchObject({ reprint: true, sha256: first.sha256 });
      expect(again.document!.id).toBe(first.document!.id);
      expect(again.base64).toBe(first.base64);
      const got = await h.ok('documents.get', { id: first.document!.id }, s.corr);
      expect(got.base64).toBe(first.base64);
      expect(sha256(bytesOf(got.base64))).toBe(first.document!.sha256);
      expect(got.document.id).toBe(first.document!.id);
    });
  });

  it('lists the dossier’s documents; once the contract changes, a new final document is archived beside the old one', async () => {
    let list = await h.ok('documents.list', { personId: w.dA.person.id }, s.refA);
    expect(list.map((d) => d.id)).toEqual([first.document!.id]);
    const transmitted = await h.ok('contracts.transmit', { contractId: signed.id, version: signed.version, date: '2025-02-03' }, s.refA);
    h.clock.advanceMinutes(20);
    const second = await h.ok('documents.generate', { kind: 'contrat', sourceId: signed.id, final: true }, s.corr);
    expect(second.reprint).toBe(false);
    expect(second.document).toMatchObject({ sourceVersion: transmitted.version, createdBy: 'Cora Correspondante', createdAt: '2026-03-02T09:20:00.000Z' });
    expect(second.sha256).not.toBe(first.sha256);
    list = await h.ok('documents.list', { personId: w.dA.person.id }, s.refA);
    expect(list.map((d) => d.id)).toEqual([second.document!.id, first.document!.id]);
    // The first one still reads back as it was issued.
    expect((await h.ok('documents.get', { id: first.document!.id }, s.refA)).base64).toBe(first.base64);
    signed = transmitted;
  });

  it('a draft is rendered but never archived', async () => {
    await expectNothingWritten(h, async () => {
      const draft = await h.ok('documents.generate', { kind: 'contrat', sourceId: signed.id, final: false }, s.refA);
      expect(draft).toMatchObject({ document: null, reprint: false, watermark: null, copies: 2 });
      expect(sha256(bytesOf(draft.base64))).toBe(draft.sha256);
    });
  });

  it('a draft renders as a read: another user’s write does not wait for it, and no live event is sent', async () => {
    const events: string[] = [];
    const unsubscribe = h.app.events.subscribe((e) => events.push(e.kind));
    const done: string[] = [];
    const draft = h.ok('documents.generate', { kind: 'contrat', sourceId: signed.id, final: false }, s.refA).then(() => done.push('brouillon'));
    // A write started just after: with the draft inside the write transaction it would wait for the whole rendering.
    const write = h.ok('drafts.save', { key: 'une-saisie', data: { note: 'en cours' } }, s.refB).then(() => done.push('écriture'));
    await Promise.all([draft, write]);
    unsubscribe();
    expect(done).toEqual(['écriture', 'brouillon']);
    expect(events).toEqual([]);
  });
});

describe('documents.generate: a contract not yet signed', () => {
  it('prints as a draft watermarked « PROJET – ne vaut pas contrat » on every page; final is refused, nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const draft = await h.ok('documents.generate', { kind: 'contrat', sourceId: unsigned.id, final: false }, s.refB);
      expect(draft.watermark).toBe('PROJET – ne vaut pas contrat');
      const pages = pdfPages(bytesOf(draft.base64), 'raw');
      expect(pages.length).toBe(draft.pageCount);
      for (const p of pages) expect(p.replace(/\s+/g, '')).toContain('PROJET–nevautpascontrat');
      expect(missingValues(bytesOf(draft.base64), ['BERNARD', 'N1103 – Magasinage et préparation de commandes', 'Salaire attendu : 1 450 € net'])).toEqual([]);
      const e = await h.err('documents.generate', { kind: 'contrat', sourceId: unsigned.id, final: true }, 'RULE', s.refB);
      expect(e.message).toMatch(/^Ce contrat n’est pas encore signé/);
    });
  });
});

describe('access rules of the dossier', () => {
  it('a référent of another dossier can neither generate, list, read nor print; nothing written', async () => {
    const id = (await h.ok('documents.list', { personId: w.dA.person.id }, s.corr))[0]!.id;
    await expectNothingWritten(h, async () => {
      await h.err('documents.generate', { kind: 'contrat', sourceId: signed.id, final: true }, 'FORBIDDEN', s.refB);
      await h.err('documents.generate', { kind: 'contrat', sourceId: signed.id, final: false }, 'FORBIDDEN', s.refB);
      await h.err('documents.list', { personId: w.dA.person.id }, 'FORBIDDEN', s.refB);
      await h.err('documents.printable', { personId: w.dA.person.id }, 'FORBIDDEN', s.refB);
      await h.err('documents.get', { id }, 'FORBIDDEN', s.refB);
      await h.err('documents.print', { id, copies: 1 }, 'FORBIDDEN', s.refB);
    });
  });

  it('the EP secretary reads and prints drafts but does not archive', async () => {
    await expectNothingWritten(h, async () => {
      expect((await h.ok('documents.list', { personId: w.dA.person.id }, s.sec)).length).toBe(2);
      await h.ok('documents.generate', { kind: 'contrat', sourceId: signed.id, final: false }, s.sec);
      const e = await h.err('documents.generate', { kind: 'contrat', sourceId: signed.id, final: true }, 'FORBIDDEN', s.sec);
      expect(e.message).toMatch(/sans les archiver/);
      const printable = await h.ok('documents.printable', { personId: w.dA.person.id }, s.sec);
      expect(printable.every((p) => p.finalBlocker !== null)).toBe(true);
    });
  });

  it('refuses unknown sources and bad input with French messages', async () => {
    await expectNothingWritten(h, async () => {
      expect((await h.err('documents.generate', { kind: 'contrat', sourceId: 99999, final: true }, 'NOT_FOUND', s.corr)).message).toBe('Ce contrat est introuvable.');
      expect((await h.err('documents.get', { id: 99999 }, 'NOT_FOUND', s.corr)).message).toBe('Ce document est introuvable.');
      const bad = await h.err('documents.generate', { kind: 'facture' as never, sourceId: 1, final: true }, 'VALIDATION', s.corr);
      expect(bad.fieldErrors?.kind).toBe('Type de document inconnu');
      await h.err('documents.generate', { kind: 'dsp', sourceId: 1 } as never, 'VALIDATION', s.corr);
    });
  });
});

describe('DSP, EDE, fiche de liaison and the correspondent’s answer', () => {
  it('each prints and archives; the dossier lists what it can print', async () => {
    const dsp = await h.ok(
      'dsp.save',
      {
        personId: w.dA.person.id,
        basedOnRevisionId: null,
        content: { generalites: { sitpersdemrsa: '0107', topisogroouenf: 'oui' }, logement: { natlog: '0909', diflog: ['1002'] } },
      },
      s.refA,
    );
    let fiche = await h.ok('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-10', texte: 'Quelles aides pour une formation de cariste ?' }, s.refA);
    fiche = await h.ok('fiches.send', { ficheId: fiche.id, version: fiche.version, date: '2026-02-10' }, s.refA);

    const printable = await h.ok('documents.printable', { personId: w.dA.person.id }, s.refA);
    expect(printable.map((p) => `${p.kind}:${p.sourceId}`).sort()).toEqual(
      [`contrat:${signed.id}`, `dsp:${dsp.revision.id}`, `ede:${edeId}`, `fiche_liaison:${fiche.id}`].sort(),
    );
    expect(printable.find((p) => p.kind === 'contrat')).toMatchObject({ copies: 2, finalBlocker: null, latestDocumentId: expect.any(Number) });

    const dspDoc = await h.ok('documents.generate', { kind: 'dsp', sourceId: dsp.revision.id, final: true }, s.refA);
    expect(missingValues(bytesOf(dspDoc.base64), ['DONNÉES SOCIO-PROFESSIONNELLES', 'Situation à la demande de RSA : Faibles ressources', 'Nature du logement : Chez un parent ou un tiers', 'MARTIN'])).toEqual([]);
    const edeDoc = await h.ok('documents.generate', { kind: 'ede', sourceId: edeId, final: true }, s.refA);
    expect(missingValues(bytesOf(edeDoc.base64), ['ÉCHELLE DE DISTANCE À L’EMPLOI', 'Total : 61 pts', 'Orientation vers la sphère solidarité'])).toEqual([]);
    const ficheDoc = await h.ok('documents.generate', { kind: 'fiche_liaison', sourceId: fiche.id, final: true }, s.refA);
    expect(missingValues(bytesOf(ficheDoc.base64), ['☒ DEMANDE D’APPUI', 'Quelles aides pour une formation de cariste ?'])).toEqual([]);

    // No answer yet: the answer cannot print.
    await expectNothingWritten(h, async () => {
      const e = await h.err('documents.generate', { kind: 'reponse_fiche', sourceId: fiche.id, final: false }, 'RULE', s.refA);
      expect(e.message).toBe('Cette fiche de liaison n’a pas encore de réponse du correspondant.');
    });
    fiche = await h.ok('fiches.answer', { ficheId: fiche.id, version: fiche.version, date: '2026-02-12', decision: 'acceptee', texte: 'Voir la formation CACES avec Pôle Emploi.' }, s.corr);
    const answer = await h.ok('documents.generate', { kind: 'reponse_fiche', sourceId: fiche.id, final: true }, s.corr);
    expect(missingValues(bytesOf(answer.base64), ['RÉPONSE DU CORRESPONDANT', 'Voir la formation CACES avec Pôle Emploi.', 'Le 12 février 2026'])).toEqual([]);
    const after = await h.ok('documents.printable', { personId: w.dA.person.id }, s.refA);
    expect(after.find((p) => p.kind === 'reponse_fiche')).toMatchObject({ sourceId: fiche.id, latestDocumentId: answer.document!.id });
    expect((await documentAudit()).length).toBe((await documentRows()).length);
  }, 120_000);
});

describe('documents.print', () => {
  it('needs the desktop app’s print service; with it, sends the archived bytes with the copies asked for', async () => {
    const doc = (await h.ok('documents.list', { personId: w.dA.person.id }, s.refA)).find((d) => d.kind === 'contrat')!;
    expect(await h.ok('documents.printSupport', {}, s.refA)).toEqual({ systemDialog: false });
    const e = await h.err('documents.print', { id: doc.id, copies: 1 }, 'RULE', s.refA);
    expect(e.message).toMatch(/application de bureau/);

    const jobs: { pdf: Buffer; copies: number; title: string; fileName: string }[] = [];
    const printer: DocumentPrinter = {
      async print(pdf, options) {
        jobs.push({ pdf, ...options });
        return true;
      },
    };
    // The desktop app starts with its print service (sessions end with the restart: log in again).
    await h.restart({ printer });
    s.refA = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;
    s.refB = (await h.ok('auth.login', { login: 'berthe', password: PASSWORDS.referentB })).session;
    expect(await h.ok('documents.printSupport', {}, s.refA)).toEqual({ systemDialog: true });
    await expectNothingWritten(h, async () => {
      expect(await h.ok('documents.print', { id: doc.id, copies: 1 }, s.refA)).toEqual({ printed: true });
      expect(await h.ok('documents.print', { draft: { kind: 'contrat', sourceId: unsigned.id }, copies: 1 }, s.refB)).toEqual({ printed: true });
    });
    expect(jobs).toHaveLength(2);
    expect(sha256(jobs[0]!.pdf)).toBe(doc.sha256);
    expect(jobs[0]).toMatchObject({ copies: 1, fileName: doc.fileName, title: doc.title });
    expect(pdfPages(jobs[1]!.pdf, 'raw')[0]!.replace(/\s+/g, '')).toContain('PROJET–nevautpascontrat');
    await h.err('documents.print', { id: doc.id, copies: 0 }, 'VALIDATION', s.refA);
  }, 120_000);
});
