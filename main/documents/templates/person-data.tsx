/** @jsxRuntime automatic */
/**
 * « Données détenues sur la personne » (RGPD, art. 15: right of access): the letterhead of the MDS, the person's
 * identity, then one table per category of data held (DSP, EDE, orientations, contracts, fiches, EP, rendez-vous,
 * documents, journal), each saying when it is empty. The JSON file given with it holds every value; the PDF is its
 * readable summary. Same content, same bytes.
 */
import { formatDate } from '../../../shared/domain/format';
import { renderDocument } from '../index';
import type { DocumentContext, RenderedPages } from '../model';
import { DocumentPage, Field, FieldGrid, Letterhead, Paragraph, Section, Table, TitleBlock } from '../pieces';

export interface PersonDataCategory {
  title: string;
  /** Said when the category holds nothing. */
  empty: string;
  columns: { header: string; width: string }[];
  rows: string[][];
}

export interface PersonDataSheet {
  personId: number;
  /** « NOM (nom d’usage …) Prénoms ». */
  name: string;
  cafNumber: string;
  /** The day the export was made, and by whom. */
  madeOn: string;
  madeBy: string;
  identity: { label: string; value: string | null }[];
  categories: PersonDataCategory[];
}

function CategoryTable({ category }: { category: PersonDataCategory }) {
  return (
    <Section title={`${category.title} (${category.rows.length})`}>
      <Table
        columns={category.columns.map((c, i) => ({ header: c.header, width: c.width, cell: (row: string[]) => row[i] ?? '' }))}
        rows={category.rows}
        empty={category.empty}
        rowLength={(row) => row.join(' ').length}
      />
    </Section>
  );
}

/** The right-of-access summary of one person. */
export function personDataPages(sheet: PersonDataSheet, ctx: DocumentContext): RenderedPages {
  const day = formatDate(sheet.madeOn);
  return {
    meta: {
      title: `Données détenues sur ${sheet.name} au ${day}`,
      subject: 'Droit d’accès (RGPD, article 15)',
      author: `Conseil départemental – ${ctx.mds.name}`,
      date: sheet.madeOn,
    },
    fileName: `Données personnelles ${sheet.personId} ${sheet.madeOn}.pdf`,
    copies: 1,
    pages: [
      <DocumentPage
        key="person-data"
        reference={`Données détenues – ${sheet.name} – N° CAF ${sheet.cafNumber}`}
        footerNote="Conseil départemental – Revenu de solidarité active – Droit d’accès"
      >
        <Letterhead mds={ctx.mds} />
        <TitleBlock title="Données personnelles détenues" subtitle="Droit d’accès – RGPD, article 15" lines={[sheet.name, `Au ${formatDate(sheet.madeOn, 'long')}`]} />
        <Paragraph small>
          Ce relevé présente les données enregistrées sur la personne dans l’application Parcours RSA de la Maison du Département Solidarité. Le fichier JSON
          remis avec lui contient chacune de ces données en entier. Relevé établi par {sheet.madeBy} le {formatDate(sheet.madeOn, 'long')}.
        </Paragraph>
        <Section title="Identité et coordonnées">
          <FieldGrid>
            {sheet.identity.map((f) => (
              <Field key={f.label} label={f.label} value={f.value} width="50%" />
            ))}
          </FieldGrid>
        </Section>
        {sheet.categories.map((c) => (
          <CategoryTable key={c.title} category={c} />
        ))}
      </DocumentPage>,
    ],
  };
}

/** The PDF of the summary (pages numbered over the whole document). */
export const personDataPdf = (sheet: PersonDataSheet, ctx: DocumentContext): Promise<Buffer> => renderDocument(personDataPages(sheet, ctx));
