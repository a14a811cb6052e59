/**
 * Right of access (RGPD art. 15): everything the database holds on a person, as one JSON file (every value) and one
 * PDF (its readable summary, through the documents capability; not archived: it would be one more copy of the data).
 * The export is recorded in the journal (who, when, which dossier, how many records per category).
 */
import { findMds, personDataExport, recordAudit, type PersonDataExport } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { formatDate, formatDateTime, personName } from '../../../shared/domain/format';
import { auditActor, type AuthedCall } from '../context';
import { renderPersonData } from '../documents';
import { accessibleDossier } from '../foundation';
import { todayOf } from '../kit';
import type { PersonDataCategory, PersonDataSheet } from '../../documents/templates/person-data';

type Row = Record<string, unknown>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));
const date = (v: unknown): string => (typeof v === 'string' ? (v.length > 10 ? formatDateTime(v) : formatDate(v)) : '');

function category(title: string, rows: Row[], columns: [string, string, (r: Row) => string][]): PersonDataCategory {
  return {
    title,
    empty: 'Aucune donnée de cette catégorie.',
    columns: columns.map(([header, width]) => ({ header, width })),
    rows: rows.map((r) => columns.map(([, , cell]) => cell(r))),
  };
}

/** The PDF's tables: one per category, its main columns (the JSON has every value). */
function categoriesOf(data: PersonDataExport): PersonDataCategory[] {
  const ep = data.equipePluridisciplinaire;
  return [
    category('Données socio-professionnelles (DSP)', data.dsp, [
      ['Révision', '30%', (r) => `n° ${text(r.number)}`],
      ['Enregistrée le', '70%', (r) => date(r.createdAt)],
    ]),
    category('Échelles de distance à l’emploi (EDE)', data.ede, [
      ['Date', '30%', (r) => date(r.date)],
      ['Total', '20%', (r) => text(r.total)],
      ['Proposition', '50%', (r) => text(r.proposal)],
    ]),
    category('Préconisations de l’équipe d’orientation', data.preconisations, [
      ['Date', '25%', (r) => date(r.date)],
      ['Équipe', '40%', (r) => text(r.team)],
      ['Préconisation', '35%', (r) => text(r.preconisation)],
    ]),
    category('Orientations', data.orientations, [
      ['Décision du', '20%', (r) => date(r.decisionDate)],
      ['Orientation', '20%', (r) => text(r.orientation)],
      ['Période', '25%', (r) => `${date(r.startDate)} – ${r.endDate ? date(r.endDate) : 'en cours'}`],
      ['Organisme', '35%', (r) => text(r.organismeName)],
    ]),
    category('Contrats et plans d’accompagnement', data.contrats, [
      ['Contrat', '20%', (r) => `${text(r.type)} n° ${text(r.id)}`],
      ['État', '20%', (r) => text(r.status)],
      ['Période', '35%', (r) => `${date(r.start)} – ${date(r.end)}`],
      ['PAP', '25%', (r) => `${(r.pap as Row[]).length} version(s), ${(r.pap as { actions: Row[] }[]).reduce((n, p) => n + p.actions.length, 0)} action(s)`],
    ]),
    category('Fiches de liaison', data.fichesDeLiaison, [
      ['Fiche', '20%', (r) => `n° ${text(r.id)}`],
      ['Type', '35%', (r) => text(r.type)],
      ['État', '20%', (r) => text(r.status)],
      ['Date', '25%', (r) => date(r.date)],
    ]),
    category('Pièces jointes', data.piecesJointes, [
      ['Date', '25%', (r) => date(r.createdAt)],
      ['Nature', '20%', (r) => text(r.kind)],
      ['Fichier', '40%', (r) => text(r.fileName)],
      ['Taille (octets)', '15%', (r) => text(r.size)],
    ]),
    category('Équipe pluridisciplinaire : saisines', ep.saisines, [
      ['Date', '20%', (r) => date(r.date)],
      ['Origine', '25%', (r) => text(r.origin)],
      ['Objet', '55%', (r) => text(r.theme)],
    ]),
    category('Équipe pluridisciplinaire : avis et décisions', [...ep.avis.map((r) => ({ ...r, what: 'Avis' })), ...ep.decisions.map((r) => ({ ...r, what: 'Décision' }))], [
      ['', '20%', (r) => text(r.what)],
      ['Date', '20%', (r) => date(r.date)],
      ['Sens', '60%', (r) => text(r.sens)],
    ]),
    category('Sanctions', ep.sanctions, [
      ['À partir du', '30%', (r) => date(r.start)],
      ['Nature', '70%', (r) => text(r.kind)],
    ]),
    category('Rendez-vous', data.rendezVous, [
      ['Date', '25%', (r) => `${date(r.date)} ${text(r.time)}`],
      ['Lieu', '30%', (r) => text(r.place)],
      ['Objet', '30%', (r) => text(r.object)],
      ['Suite', '15%', (r) => text(r.outcome ?? (r.cancelledAt ? 'annulé' : ''))],
    ]),
    category('Documents archivés', data.documents, [
      ['Date', '25%', (r) => date(r.createdAt)],
      ['Document', '60%', (r) => text(r.title)],
      ['Pages', '15%', (r) => text(r.pageCount)],
    ]),
    category('Journal des opérations sur le dossier', data.journal, [
      ['Date', '25%', (r) => date(r.at)],
      ['Compte', '20%', (r) => text(r.userLogin)],
      ['Objet', '35%', (r) => `${text(r.entity)} n° ${text(r.entityId)}`],
      ['Opération', '20%', (r) => text(r.action)],
    ]),
  ];
}

function identityOf(data: PersonDataExport): PersonDataSheet['identity'] {
  const p = data.identite.personne;
  const f = data.identite.foyer;
  const v = (x: unknown) => (x === null || x === undefined || x === '' ? null : text(x));
  return [
    { label: 'Nom patronymique', value: v(p.nomPatronymique) },
    { label: 'Nom d’usage', value: v(p.nomUsage) },
    { label: 'Prénom(s)', value: v(p.prenoms) },
    { label: 'Date de naissance', value: v(date(p.dateNaissance)) },
    { label: 'Téléphone', value: v(p.telephone) },
    { label: 'Portable', value: v(p.portable) },
    { label: 'Courriel', value: v(p.email) },
    { label: 'Identifiant France Travail', value: v(p.peNumber) },
    { label: 'N° allocataire CAF', value: v(f.cafNumber) },
    { label: 'Allocataire du RSA depuis', value: v(date(f.rsaDepuis)) },
    { label: 'Adresse', value: v([f.addressLine1, f.addressLine2, `${text(f.postalCode)} ${text(f.city)}`].filter(Boolean).join(', ')) },
    { label: 'Enfants à charge', value: String(data.identite.enfants.length) },
  ];
}

const counts = (data: PersonDataExport) => ({
  dsp: data.dsp.length,
  ede: data.ede.length,
  preconisations: data.preconisations.length,
  orientations: data.orientations.length,
  contrats: data.contrats.length,
  fichesDeLiaison: data.fichesDeLiaison.length,
  piecesJointes: data.piecesJointes.length,
  saisines: data.equipePluridisciplinaire.saisines.length,
  rendezVous: data.rendezVous.length,
  documents: data.documents.length,
  journal: data.journal.length,
});

export async function exportPerson(input: MethodParsedInput<'rgpd.exportPerson'>, call: AuthedCall): Promise<MethodOutput<'rgpd.exportPerson'>> {
  const { person, foyer } = accessibleDossier(call.open.db, call.actor, input.personId);
  const mds = findMds(call.open.db, foyer.mdsId);
  if (!mds) throw new ApiError('NOT_FOUND', 'La MDS de ce dossier est introuvable.');
  const data = personDataExport(call.open.sqlite, person.id);
  const today = todayOf(call);
  const at = call.app.nowIso();
  const sheet: PersonDataSheet = {
    personId: person.id,
    name: personName(person),
    cafNumber: foyer.cafNumber,
    madeOn: today,
    madeBy: call.actor.displayName,
    identity: identityOf(data),
    categories: categoriesOf(data),
  };
  const pdf = await renderPersonData(sheet, { mds: { name: mds.name, territory: mds.territory, address: mds.address, commune: mds.commune } });
  const json = JSON.stringify(
    { format: 'parcours-rsa/donnees-personne', version: 1, exportedAt: at, exportedBy: call.actor.login, mds: mds.name, personId: person.id, data },
    null,
    2,
  );
  recordAudit(call.open.db, {
    actor: auditActor(call.actor),
    at,
    entity: 'rgpd_export',
    entityId: person.id,
    action: 'create',
    before: null,
    after: { personId: person.id, counts: counts(data) },
  });
  const base = `Données personnelles ${person.id} ${today}`;
  return {
    pdf: { fileName: `${base}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64'), size: pdf.length, pageCount: (pdf.toString('latin1').match(/\/Type \/Page(?!s)\b/g) ?? []).length },
    json: { fileName: `${base}.json`, mime: 'application/json', text: json },
  };
}
