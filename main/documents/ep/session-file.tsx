/** @jsxRuntime automatic */
/**
 * The EP session file (« dossier de séance »): a cover with the ordre du jour, then one fiche de synthèse per
 * case (identity, saisine, parcours: orientation periods, contracts, PAP with its bilan, EDE, fiche de liaison).
 * The anonymised copy prints initials instead of names and leaves out the date of birth, CAF number and address
 * (the data comes anonymised from `sessionFileData`).
 */
import { Text } from '@react-pdf/renderer';
import type { EpSessionFile, EpSynthese } from '../../../shared/api/ep';
import { renderPdf } from '../engine';
import { safeFileName } from '../format';
import type { DocumentContext, RenderedPages } from '../model';
import { DocumentPage, Field, FieldGrid, Letterhead, Paragraph, Section, Table, TitleBlock, type Column } from '../pieces';
import { formatDate, plural } from '../../../shared/domain/format';

type OrdreRow = EpSessionFile['ordreDuJour'][number];
type OrientationRow = EpSynthese['orientations'][number];
type ContractRow = EpSynthese['contracts'][number];
type PapRow = EpSynthese['pap'][number];

const ordreColumns: Column<OrdreRow>[] = [
  { header: 'N°', width: '7%', cell: (r) => String(r.position), align: 'center' },
  { header: 'Horaire', width: '11%', cell: (r) => r.slotStart ?? '—', align: 'center' },
  { header: 'Bénéficiaire', width: '27%', cell: (r) => r.name },
  { header: 'Objet de la saisine', width: '27%', cell: (r) => r.originLabel },
  { header: 'Thème', width: '28%', cell: (r) => r.theme },
];
const orientationColumns: Column<OrientationRow>[] = [
  { header: 'Orientation', width: '35%', cell: (r) => r.orientation },
  { header: 'Période', width: '30%', cell: (r) => (r.end ? `du ${formatDate(r.start)} au ${formatDate(r.end)}` : `depuis le ${formatDate(r.start)}`) },
  { header: 'Organisme référent', width: '35%', cell: (r) => r.organisme },
];
const contractColumns: Column<ContractRow>[] = [
  { header: 'Contrat', width: '20%', cell: (r) => r.type },
  { header: 'État', width: '40%', cell: (r) => r.status },
  { header: 'Période', width: '40%', cell: (r) => `du ${formatDate(r.start)} au ${formatDate(r.end)}` },
];
const papColumns: Column<PapRow>[] = [
  { header: 'Thème', width: '18%', cell: (r) => r.theme },
  { header: 'Action', width: '30%', cell: (r) => r.action },
  { header: 'Période', width: '16%', cell: (r) => `${formatDate(r.start)} – ${formatDate(r.end)}` },
  { header: 'Résultat', width: '14%', cell: (r) => r.resultat ?? '—' },
  { header: 'Bilan', width: '22%', cell: (r) => r.bilan ?? '—' },
];

function Synthese({ c, index }: { c: EpSynthese; index: number }) {
  return (
    <Section title={`Dossier n° ${index + 1} — fiche de synthèse`}>
      <FieldGrid>
        <Field label="Bénéficiaire" value={c.identity.name} />
        <Field label="Horaire de passage" value={c.slotStart ?? '—'} />
        <Field label="Sexe" value={c.identity.sexe} />
        {c.identity.dateNaissance ? <Field label="Date de naissance" agreement="f" value={formatDate(c.identity.dateNaissance)} /> : null}
        {c.identity.cafNumber ? <Field label="N° allocataire CAF" value={c.identity.cafNumber} /> : null}
        <Field label="Adresse" agreement="f" value={c.identity.address.join(', ')} />
        <Field label="Situation familiale" agreement="f" value={c.identity.situationFamiliale} />
        <Field label="Enfants à charge" agreement="mp" value={String(c.identity.enfants)} />
        <Field label="Référent" value={c.identity.referent ?? '—'} />
      </FieldGrid>
      <Paragraph>
        Saisine du {formatDate(c.saisine.date)} — {c.saisine.originLabel} : {c.saisine.theme}. Avis à rendre au plus tard le {formatDate(c.saisine.avisDeadline)}.
      </Paragraph>
      <Text style={{ fontWeight: 'bold', marginTop: 4 }}>Orientations</Text>
      <Table columns={orientationColumns} rows={c.orientations} empty="Aucune orientation enregistrée." />
      <Text style={{ fontWeight: 'bold' }}>Contrats</Text>
      <Table columns={contractColumns} rows={c.contracts} empty="Aucun contrat signé." />
      <Text style={{ fontWeight: 'bold' }}>Plan d’accompagnement personnalisé et bilan</Text>
      <Table columns={papColumns} rows={c.pap} empty="Aucune action au plan d’accompagnement." rowLength={(r) => (r.bilan ?? '').length + r.action.length} />
      {c.ede ? (
        <Paragraph>
          Échelle de distance à l’emploi du {formatDate(c.ede.date)} : {c.ede.total} points — {c.ede.proposal}.
        </Paragraph>
      ) : null}
      {c.fiche ? (
        <Paragraph>
          Fiche de liaison du {formatDate(c.fiche.date)} ({c.fiche.type}){c.fiche.motif ? ` — motif : ${c.fiche.motif}` : ''}
          {c.fiche.precision ? ` (${c.fiche.precision})` : ''}
          {c.fiche.texte ? `. ${c.fiche.texte}` : ''}
        </Paragraph>
      ) : null}
    </Section>
  );
}

/** The PDF of the session file, its pages numbered over the whole document. */
export function renderSessionFile(doc: RenderedPages): Promise<Buffer> {
  return renderPdf(doc.meta, doc.pages, { copies: doc.copies, numbering: 'document' });
}

/** The session file laid out: the cover with the ordre du jour, then one fiche de synthèse per case. */
export function sessionFilePages(file: EpSessionFile, ctx: DocumentContext): RenderedPages {
  const title = `Dossier de séance de l’équipe pluridisciplinaire du ${formatDate(file.cover.date)}`;
  const footerNote = 'Document confidentiel : réservé aux membres de l’équipe pluridisciplinaire';
  const reference = `${file.cover.epName} – séance du ${formatDate(file.cover.date)}${file.anonymised ? ' – copie anonymisée' : ''}`;
  return {
    meta: { title, subject: file.anonymised ? 'Copie anonymisée' : 'Dossier de séance', author: `Conseil départemental – ${ctx.mds.name}`, date: file.cover.date },
    fileName: safeFileName(`Dossier de séance EP ${file.cover.territory} ${file.cover.date}${file.anonymised ? ' anonymisé' : ''}.pdf`),
    copies: 1,
    pages: [
      <DocumentPage key="cover" reference={reference} footerNote={footerNote}>
        <Letterhead mds={ctx.mds} />
        <TitleBlock
          title={title}
          subtitle={file.cover.epName}
          lines={[
            `Territoire : ${file.cover.territory}`,
            `${file.cover.place}, à partir de ${file.cover.startTime}`,
            `Présidence : ${file.cover.president ?? 'à désigner'}`,
            plural(file.cover.cases, 'dossier inscrit', 'dossiers inscrits'),
          ]}
        />
        <Section title="Ordre du jour">
          <Table columns={ordreColumns} rows={file.ordreDuJour} empty="Aucun dossier inscrit." />
        </Section>
      </DocumentPage>,
      // One page element per case: each starts on a new sheet, and react-pdf lays out small pages much faster
      // than one long flowing page (numbering: the whole document, see renderSessionFile).
      ...file.cases.map((c, i) => (
        <DocumentPage key={`case-${c.itemId}`} reference={reference} footerNote={footerNote}>
          <Synthese c={c} index={i} />
        </DocumentPage>
      )),
    ],
  };
}
