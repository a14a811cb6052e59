/** @jsxRuntime automatic */
/**
 * Décision d’orientation (« Décision d’orientation avec désignation de l’organisme référent et du correspondant =
 * point de départ du délai pour réaliser les contrats »): the elements it relied on (the EDE and the équipe
 * d’orientation’s préconisation: « les bénéficiaires sont orientés par l’équipe d’orientation du territoire via le
 * SLAI »), the decision (orientation, organisme référent, référent, correspondant, motif, contract deadline), and,
 * when the decision differs from the préconisation or the EDE’s proposal, the reason of the difference.
 */
import { Text } from '@react-pdf/renderer';
import type { EtatCivil } from '../../../shared/api/contracts';
import type { OrientationPeriodOutput } from '../../../shared/api/interview';
import { EDE_PROPOSAL_LABELS, type EdeProposal } from '../../../shared/domain/rules/ede';
import { CONTRACT_KIND_LABELS, ORIENTATION_LABELS } from '../../../shared/domain/rules/orientation';
import type { DocumentContext, RenderedPages } from '../model';
import { DocumentPage, Field, FieldGrid, IdentityBlock, Letterhead, madeAt, Paragraph, Section, SignatureRow, TitleBlock } from '../pieces';
import { styles } from '../styles';
import { identityOf } from './contract';
import { formatDate, personName } from '../../../shared/domain/format';

/** The EDE the decision relied on: the latest one dated on or before it. */
export interface DecisionEde {
  date: string;
  total: number;
  proposal: EdeProposal;
}

export interface OrientationDocumentData {
  period: OrientationPeriodOutput;
  ede: DecisionEde | null;
  etatCivil: EtatCivil;
}

/** « La décision suit … » / « La décision diffère de … » — what the decision is measured against. */
export function divergenceText(period: OrientationPeriodOutput, ede: DecisionEde | null): string {
  const reference = period.preconisation
    ? `la préconisation de l’équipe d’orientation (${ORIENTATION_LABELS[period.preconisation.preconisation]})`
    : ede && ede.proposal !== 'decision_ep_eo'
      ? `la proposition de l’échelle de distance à l’emploi (${EDE_PROPOSAL_LABELS[ede.proposal]})`
      : null;
  if (reference === null) return 'Ni préconisation de l’équipe d’orientation ni proposition de l’échelle de distance à l’emploi à suivre.';
  return period.divergenceReason ? `La décision diffère de ${reference}.` : `La décision suit ${reference}.`;
}

function OrientationDocument({ data, ctx }: { data: OrientationDocumentData; ctx: DocumentContext }) {
  const { period, ede, etatCivil } = data;
  const identity = identityOf(etatCivil);
  const p = period.preconisation;
  return (
    <DocumentPage
      reference={`Décision d’orientation du ${formatDate(period.date)} – ${personName(identity)} – N° CAF ${identity.cafNumber}`}
      footerNote="Décision d’orientation – livret du référent RSA, « L’orientation »"
    >
      <Letterhead mds={ctx.mds} aside={<Text style={styles.bold}>Décision n° {period.id}</Text>} />
      <TitleBlock
        title="Décision d’orientation"
        subtitle="Revenu de solidarité active – orientation et désignation de l’organisme référent"
        lines={[`Décision du ${formatDate(period.date)}, saisie par ${period.createdBy.displayName}`]}
      />
      <IdentityBlock person={identity} />
      <Section title="Éléments d’aide à la décision">
        <FieldGrid>
          <Field
            label="Échelle de distance à l’emploi"
            value={ede ? `du ${formatDate(ede.date)} : ${ede.total} points – ${EDE_PROPOSAL_LABELS[ede.proposal]}` : 'aucune échelle enregistrée avant la décision'}
          />
          <Field
            label="Préconisation de l’équipe d’orientation"
            value={p ? `${ORIENTATION_LABELS[p.preconisation]} – ${p.team}, le ${formatDate(p.date)}` : 'aucune préconisation enregistrée'}
          />
          {p?.comment ? <Field label="Commentaire de l’équipe d’orientation" value={p.comment} /> : null}
        </FieldGrid>
      </Section>
      <Section title="Décision">
        <FieldGrid>
          <Field label="Orientation" value={ORIENTATION_LABELS[period.orientation]} />
          <Field label="Date de la décision" value={formatDate(period.date)} />
          <Field label="Organisme référent" value={period.organismeReferent.name} />
          <Field label="Référent" value={period.referent?.name ?? 'à désigner'} />
          <Field label="Correspondant" value={period.correspondant.displayName} />
          <Field label="Motif de la décision" value={period.motif} />
        </FieldGrid>
        <Paragraph>
          {CONTRACT_KIND_LABELS[period.contract.contractKind]} à conclure au plus tard le {formatDate(period.contract.deadline)}. {period.contract.rule}
        </Paragraph>
      </Section>
      <Section title="Écart avec la préconisation ou la proposition">
        <Paragraph>{divergenceText(period, ede)}</Paragraph>
        {period.divergenceReason ? <Field label="Motif de l’écart" value={period.divergenceReason} /> : null}
      </Section>
      <SignatureRow
        blocks={[
          {
            title: 'Le correspondant',
            name: period.correspondant.displayName,
            role: `Pour le Président du Conseil départemental – ${ctx.mds.name}`,
            place: madeAt(ctx.mds, null),
            date: period.date,
          },
        ]}
      />
    </DocumentPage>
  );
}

export function orientationPages(data: OrientationDocumentData, ctx: DocumentContext): RenderedPages {
  const name = personName(data.etatCivil);
  return {
    meta: {
      title: `Décision d’orientation du ${formatDate(data.period.date)} – ${name}`,
      subject: 'Décision d’orientation',
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: 'orientation, équipe d’orientation, RSA',
      date: data.period.createdAt,
    },
    pages: [<OrientationDocument data={data} ctx={ctx} />],
    fileName: `Décision d’orientation ${data.period.date} – ${name}.pdf`,
    copies: 1,
  };
}
