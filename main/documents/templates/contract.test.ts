/**
 * CERS and CERP: every filled value printed (accents, French dates, fr-FR amounts), both originals in one file
 * with their marks and their own page numbers, the draft's watermark on every page, deterministic bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cerpView, cersView, documentContext } from '../../../test/fixtures/documents/data';
import { expectGolden, mappedCodePoints, missingValues, pdfInfo, pdfPages, squash, writePageImages } from '../../../test/fixtures/documents/pdf-tools';
import type { ContractView } from '../../../shared/api/contracts';
import { renderDocument } from '../index';
import { PROJECT_WATERMARK } from '../pieces/Watermark';
import { contractPages } from './contract';
import { formatDate } from '../../../shared/domain/format';

/** Every value of a contract that must be printed. */
function contractValues(v: ContractView): string[] {
  const values = [
    'LEFÈVRE',
    'DUPRÉ',
    'Hélène Françoise',
    '29/02/1984',
    '4561237',
    '1234567A',
    '12 rue des Érables, Résidence Les Tilleuls, bât. C, 62000 Arras',
    '0321456789',
    '0612345678',
    'helene.dupre@exemple.fr',
    'Célibataire',
    '01/05/2024',
    'Niveau V : CAP/BEP',
    'MDS de l’Arrageois',
    '10 rue de la Gare, 62000 Arras',
    `Contrat conclu du ${formatDate(v.start)} au ${formatDate(v.end)} – durée : 6 mois`,
    `Suite à la décision d’orientation du ${formatDate(v.orientation.date)}`,
    `Renouvelle le contrat n° ${v.renewalOfId}`,
    v.objectifs,
    v.resultatsAttendus,
    v.referentIdentity.displayName,
    v.referentIdentity.structure,
    v.referent.lieuSuivi,
    ...v.referent.prochainsRendezVous.map((d: string) => formatDate(d)),
    v.remarquesBeneficiaire!,
    'Version 2 du plan, issue de l’avenant du 15/01/2027 (Ajout d’une formation qualifiante).',
  ];
  if (v.signatures.referent) values.push(`Fait à ${v.referent.lieuSuivi}, le ${formatDate(v.signatures.referent.date, 'long')}`);
  if (v.signatures.beneficiaire) values.push(v.signatures.beneficiaire.nom);
  if (v.decision) values.push(`Date de la décision : ${formatDate(v.decision.date)}`, v.decision.par!);
  for (const r of v.pap.actions) {
    values.push(`${r.actionCode} – ${r.actionLabel}`, r.engagementReferent, r.engagementBeneficiaire, `${formatDate(r.start)} ${formatDate(r.end)}`, ...r.services);
    if (r.bilan) values.push(r.bilan);
  }
  if (v.cerp) {
    const c = v.cerp;
    values.push(c.situationProfessionnelle.autresPermis!, c.situationProfessionnelle.zoneGeographique!, c.conclusion!, 'Niveau IV : BAC ou équivalent');
    for (const e of c.situationEmploi.experiences) values.push(e.emploi, e.competences!, e.duree!, e.entreprise!);
    for (const m of c.metiers) values.push(`${m.romeCode} – ${m.romeLabel}`, m.caracteristiques!, m.marcheLocal!, m.avisReferent!);
    values.push('Salaire attendu : 1\u202f650,00\u00a0€', 'Salaire attendu : SMIC horaire');
  }
  for (const s of v.suiviEmploi) {
    values.push(s.offre, s.moyens, s.bilan!, `${s.domaine} (${s.romeCode})`, formatDate(s.date));
    if (s.motif) values.push(s.motif);
  }
  if (v.emploisRecherches) values.push(v.emploisRecherches);
  return values;
}

describe('CERP: two originals in one file', () => {
  const view = cerpView({ papCount: 15, suiviCount: 10 });
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    pdf = await renderDocument(contractPages(view, documentContext));
    pages = pdfPages(pdf);
    writePageImages(pdf, 'cerp-originaux');
  }, 120_000);

  it('prints every filled value: names with accents, French dates, fr-FR amounts', () => {
    expect(missingValues(pdf, contractValues(view))).toEqual([]);
    expect(mappedCodePoints(pdf).has(0x202f)).toBe(true);
    expect(pdfInfo(pdf)).toMatchObject({ Title: `CERP n° 12 – LEFÈVRE (nom d’usage DUPRÉ) Hélène Françoise`, Producer: 'Parcours RSA' });
  });

  it('holds both originals, each marked on every page, numbered « page x / n » on its own, with its own signature blocks', () => {
    const n = pages.length / 2;
    expect(Number.isInteger(n) && n >= 2).toBe(true);
    pages.forEach((text, i) => {
      const mark = i < n ? 'Exemplaire original 1/2 – transmis au SLAI' : 'Exemplaire original 2/2 – transmis au SLAI';
      const other = i < n ? 'Exemplaire original 2/2' : 'Exemplaire original 1/2';
      expect(text, `page ${i + 1}`).toContain(mark);
      expect(text, `page ${i + 1}`).not.toContain(other);
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`page ${(i % n) + 1} / ${n}\\b`));
      expect(text).not.toContain(PROJECT_WATERMARK);
    });
    const copy = (from: number) => pages.slice(from, from + n).join('\f');
    for (const c of [copy(0), copy(n)]) {
      expect(c.match(/LE RÉFÉRENT/g)).toHaveLength(1);
      expect(c.match(/LE BÉNÉFICIAIRE/g)).toHaveLength(1);
      expect(c.match(/DÉCISION DU PRÉSIDENT DU CONSEIL DÉPARTEMENTAL/g)).toHaveLength(1);
      expect(c.match(/Mention manuscrite « Lu et approuvé »/g)).toHaveLength(1);
    }
    const unmarked = (t: string) => squash(t.replace(/Exemplaire original [12]\/2 – transmis au SLAI/g, ''));
    expect(pages.slice(n).map(unmarked)).toEqual(pages.slice(0, n).map(unmarked));
  });

  it('repeats the PAP table header on every page the table spans; prints the fiche de suivi emploi', () => {
    const papPages = pages.slice(0, pages.length / 2).filter((p) => p.includes('Engagements du'));
    expect(papPages.length).toBeGreaterThan(1);
    for (const p of papPages) expect(p).toMatch(/Thème et action\s+Début –/);
    expect(pages.join('')).toContain('BILAN COMPLÉMENTAIRE : FICHE DE SUIVI EMPLOI');
  });

  it('gives the same bytes for the same contract, and other bytes once it changes', async () => {
    const again = await renderDocument(contractPages(cerpView({ papCount: 15, suiviCount: 10 }), documentContext));
    expect(Buffer.compare(again, pdf)).toBe(0);
    const changed = await renderDocument(contractPages({ ...view, updatedAt: '2026-12-05T08:00:00.000Z' }, documentContext));
    expect(Buffer.compare(changed, pdf)).not.toBe(0);
  }, 120_000);

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'cerp-originaux');
  });
});

describe('CERS not yet signed: a draft', () => {
  const view = cersView({ status: 'brouillon' });
  let pdf: Buffer;
  let signed: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(contractPages(view, documentContext));
    signed = await renderDocument(contractPages(cersView({ status: 'signe' }), documentContext));
    writePageImages(pdf, 'cers-projet');
  }, 120_000);

  it('carries « PROJET – ne vaut pas contrat » on every page of both originals', () => {
    // The watermark is drawn diagonally: pdftotext -raw gives its letters one per line, in order.
    const pages = pdfPages(pdf, 'raw');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length % 2).toBe(0);
    const mark = PROJECT_WATERMARK.replace(/\s+/g, '');
    for (const [i, text] of pages.entries()) expect(text.replace(/\s+/g, ''), `page ${i + 1}`).toContain(mark);
    // A signed contract has none.
    expect(pdfPages(signed, 'raw').every((t) => !t.replace(/\s+/g, '').includes(mark))).toBe(true);
  });

  it('prints every section of the CERS, unsigned blocks left to fill in', () => {
    expect(missingValues(pdf, contractValues(view))).toEqual([]);
    const text = pdfPages(pdf).join('\f');
    for (const title of [
      'CONTRAT D’ENGAGEMENTS RÉCIPROQUES – SOLIDARITÉ',
      'ÉTAT CIVIL DU BÉNÉFICIAIRE',
      'PLAN D’ACTION DU CONTRAT',
      'PLAN D’ACCOMPAGNEMENT – PARCOURS PERSONNALISÉ (PAP)',
      'PARTIE RÉSERVÉE AU RÉFÉRENT SOLIDARITÉ',
      'PARTIE RÉSERVÉE AUX REMARQUES DU BÉNÉFICIAIRE',
      'DÉCISION DU PRÉSIDENT DU CONSEIL DÉPARTEMENTAL',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).not.toContain('FICHE DE SUIVI EMPLOI');
    expect(missingValues(pdf, ['Fait à Maison du Département Solidarité d’Arras, le ……/……/…………', 'Date de la décision : non renseignée'])).toEqual([]);
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'cers-projet');
  });
});
