/** @jsxRuntime automatic */
/**
 * DSP – Données socio-professionnelles (livret, Annexe 2), one revision: the seven sections of the national
 * structure with every field of `DSP_FIELDS`, in the form's order. An unanswered field prints « non renseigné »
 * on a dotted line; a field that does not apply given another answer prints « sans objet »; the lists of
 * several answers print every answer with its box, ticked or not.
 */
import { Text, View } from '@react-pdf/renderer';
import type { EtatCivil } from '../../../shared/api/contracts';
import { DSP_FIELDS, DSP_SECTION_LABELS, DSP_SECTIONS, dspFieldOptions, dspValueAt, type DspFieldDef } from '../../../shared/api/dsp';
import type { DspRevision } from '../../../shared/api/interview';
import type { DocumentContext, RenderedPages } from '../model';
import { CheckGroup, DocumentPage, Field, FieldGrid, IdentityBlock, Letterhead, Paragraph, Section, TitleBlock } from '../pieces';
import { COLORS, styles } from '../styles';
import { identityOf } from './contract';
import { formatDate, personName } from '../../../shared/domain/format';

export const NOT_APPLICABLE = 'sans objet';

type Content = DspRevision['content'];

const asCodes = (v: unknown): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function applies(content: Content, field: DspFieldDef): boolean {
  if (!field.when) return true;
  const codes = field.when.codes;
  return asCodes(dspValueAt(content, field.when.path)).some((c) => codes.includes(c));
}

const labelOf = (field: DspFieldDef, code: string): string => dspFieldOptions(field).find((o) => o.code === code)?.label ?? code;

function DspField({ content, field }: { content: Content; field: DspFieldDef }) {
  if (!applies(content, field)) {
    return (
      <Field label={field.label}>
        <Text style={{ fontStyle: 'italic', color: COLORS.muted }}>{NOT_APPLICABLE}</Text>
      </Field>
    );
  }
  const value = dspValueAt(content, field.path);
  if (field.kind === 'codes') {
    const chosen = asCodes(value);
    return (
      <View wrap={false}>
        <CheckGroup
          title={`${field.label} :${chosen.length === 0 ? ' non renseigné' : ''}`}
          options={dspFieldOptions(field).map((o) => ({ label: o.label, checked: chosen.includes(o.code) }))}
        />
        {chosen
          .filter((c) => !dspFieldOptions(field).some((o) => o.code === c))
          .map((c) => (
            <Text key={c}>Code hors référentiel : {c}</Text>
          ))}
      </View>
    );
  }
  const shown = value === null ? '' : field.kind === 'code' || field.kind === 'yesno' ? labelOf(field, String(value)) : String(value);
  return <Field label={field.label} value={shown} />;
}

function DspDocument({ revision, etatCivil, ctx }: { revision: DspRevision; etatCivil: EtatCivil; ctx: DocumentContext }) {
  const identity = identityOf(etatCivil);
  const content = revision.content;
  return (
    <DocumentPage
      reference={`DSP n° ${revision.number} – ${personName(identity)} – N° CAF ${identity.cafNumber}`}
      footerNote="Données socio-professionnelles – livret du référent RSA, Annexe 2"
    >
      <Letterhead mds={ctx.mds} aside={<Text style={styles.bold}>Révision n° {revision.number}</Text>} />
      <TitleBlock
        title="Données socio-professionnelles"
        subtitle="Livret du référent RSA – Annexe 2"
        lines={[`Révision n° ${revision.number} du ${formatDate(revision.createdAt.slice(0, 10))}, saisie par ${revision.createdBy.displayName}`]}
      />
      <Paragraph small italic>
        Informations recueillies auprès du bénéficiaire pour déterminer son parcours d’insertion. Un champ « non renseigné » n’a pas reçu
        de réponse ; « sans objet » : la question ne se pose pas au vu d’une autre réponse.
      </Paragraph>
      <IdentityBlock person={identity} withContact />
      {DSP_SECTIONS.map((section) => (
        <Section key={section} title={DSP_SECTION_LABELS[section]}>
          <FieldGrid>
            {DSP_FIELDS.filter((f) => f.section === section).map((field) => (
              <DspField key={field.path} content={content} field={field} />
            ))}
          </FieldGrid>
        </Section>
      ))}
    </DocumentPage>
  );
}

export function dspPages(revision: DspRevision, etatCivil: EtatCivil, ctx: DocumentContext): RenderedPages {
  const name = personName(etatCivil);
  return {
    meta: {
      title: `DSP n° ${revision.number} – ${name}`,
      subject: 'Données socio-professionnelles (Annexe 2)',
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: 'DSP, données socio-professionnelles, RSA',
      date: revision.createdAt,
    },
    pages: [<DspDocument revision={revision} etatCivil={etatCivil} ctx={ctx} />],
    fileName: `DSP ${revision.number} – ${name}.pdf`,
    copies: 1,
  };
}
