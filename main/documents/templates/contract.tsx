/** @jsxRuntime automatic */
/**
 * CERS and CERP (livret, « LES CONTRATS D’ENGAGEMENTS RECIPROQUES », Annexe 5), from the contract's view
 * (`contracts.get`): état civil, the CERP's situation professionnelle / face à l’emploi / métiers recherchés /
 * conclusion, the plan d’action, the PAP table, the CERP's fiche de suivi emploi, the référent's part, the
 * beneficiary's remarks, the signatures of the référent and of the beneficiary and the Président's decision.
 *
 * Printed as two originals in one PDF (bénéficiaire, SLAI), each with its mark, its signature blocks and its
 * own « page x / n ». A contract not yet signed carries « PROJET – ne vaut pas contrat » on every page.
 */
import { Text, View } from '@react-pdf/renderer';
import { CONTRACT_TYPE_LABELS, INSCRIPTION_LABELS, TYPES_CONTRAT_TRAVAIL, type ContractView } from '../../../shared/api/contracts';
import { RAISONNABLE_DEFINITION, RESULTAT_DEFINITIONS, RESULTATS } from '../../../shared/domain/rules/suivi-emploi';
import { periodFr, upper, yesNoFr } from '../format';
import { moneyText, niveauFormationLabel, orientationLabel, resultatLabel, situationFamilialeLabel, themeLabel } from '../labels';
import type { DocumentContext, RenderedPages } from '../model';
import { ORIGINAL_LABELS } from '../originals';
import {
  CheckGroup,
  DocumentPage,
  Field,
  FieldGrid,
  IdentityBlock,
  Letterhead,
  madeAt,
  Paragraph,
  PROJECT_WATERMARK,
  Section,
  SignatureRow,
  Table,
  TextField,
  TitleBlock,
  type BeneficiaryIdentity,
  type Column,
} from '../pieces';
import { COLORS, styles } from '../styles';
import { formatDate, personName } from '../../../shared/domain/format';

type PapRow = ContractView['pap']['actions'][number];
type SuiviLine = ContractView['suiviEmploi'][number];
type Experience = NonNullable<ContractView['cerp']>['situationEmploi']['experiences'][number];

const TITLES = {
  CERS: 'Contrat d’engagements réciproques – Solidarité',
  CERP: 'Contrat d’engagements réciproques – Professionnel',
} as const;

export const SANCTION_MENTION =
  'En cas de non-respect par le bénéficiaire, sans motif légitime, des obligations figurant dans le contrat, le versement de la prestation pourra être suspendu ou supprimé par le Président du Conseil départemental.';

/** The état civil of a contract or fiche as the identity block prints it. */
export function identityOf(e: ContractView['etatCivil']): BeneficiaryIdentity {
  return {
    ...e,
    situationFamiliale: situationFamilialeLabel(e.situationFamiliale),
    niveauFormation: niveauFormationLabel(e.niveauFormation),
  };
}

/** The PAP table (shared with the fiche de liaison's avenant). */
export function PapTable({ rows }: { rows: readonly PapRow[] }) {
  const columns: Column<PapRow>[] = [
    {
      header: 'Thème et action',
      width: '23%',
      // One text (nested runs), not a view of five: cheaper to lay out.
      cell: (r) => (
        <Text>
          <Text style={styles.bold}>{themeLabel(r.theme)}</Text>
          {`\n${r.actionCode} – ${r.actionLabel}`}
          {r.services.length > 0 ? <Text style={styles.italic}>{`\nServices sollicités : ${r.services.join(', ')}`}</Text> : null}
          {r.carriedOver ? <Text style={styles.italic}>{'\nReprise du contrat précédent'}</Text> : null}
          {r.origin === 'echange_pole_emploi' ? <Text style={styles.italic}>{'\nReçue de France Travail (ex-Pôle Emploi)'}</Text> : null}
          {r.derogationObtained ? <Text style={styles.italic}>{'\nDérogation du Président obtenue'}</Text> : null}
        </Text>
      ),
    },
    { header: 'Début – échéance', width: '10%', cell: (r) => `${formatDate(r.start)}\n${formatDate(r.end)}` },
    { header: 'Engagements du référent', width: '18.5%', cell: (r) => r.engagementReferent },
    { header: 'Engagements du bénéficiaire', width: '18.5%', cell: (r) => r.engagementBeneficiaire },
    { header: 'Résultat', width: '12%', cell: (r) => resultatLabel(r.resultat) || '—' },
    { header: 'Bilan – commentaires', width: '18%', cell: (r) => r.bilan ?? '' },
  ];
  return (
    <Table
      columns={columns}
      rows={rows}
      empty="Aucune action inscrite au plan d’accompagnement."
      rowLength={(r) => r.engagementReferent.length + r.engagementBeneficiaire.length + (r.bilan?.length ?? 0)}
    />
  );
}

function SuiviEmploiTable({ rows }: { rows: readonly SuiviLine[] }) {
  const columns: Column<SuiviLine>[] = [
    { header: 'Offre d’emploi proposée', width: '19%', cell: (r) => (r.date ? `${formatDate(r.date)} – ${r.offre}` : r.offre) },
    { header: 'Offre raisonnable', width: '11%', cell: (r) => yesNoFr(r.raisonnable), align: 'center' },
    { header: 'Domaine d’activité', width: '14%', cell: (r) => (r.romeCode ? `${r.domaine} (${r.romeCode})` : r.domaine) },
    { header: 'Moyens mobilisés', width: '18%', cell: (r) => r.moyens },
    { header: 'Résultat et motif', width: '18%', cell: (r) => (r.motif ? `${resultatLabel(r.resultat)} – ${r.motif}` : resultatLabel(r.resultat)) },
    { header: 'Bilan – commentaires', width: '19%', cell: (r) => r.bilan ?? '' },
  ];
  return <Table columns={columns} rows={rows} empty="Aucune offre d’emploi proposée à ce jour." />;
}

function ExperiencesTable({ rows }: { rows: readonly Experience[] }) {
  const columns: Column<Experience>[] = [
    { header: 'Emploi', width: '18%', cell: (r) => r.emploi },
    { header: 'Formation', width: '16%', cell: (r) => r.formation ?? '' },
    { header: 'Compétences et connaissances acquises', width: '26%', cell: (r) => r.competences ?? '' },
    { header: 'Type de contrat', width: '12%', cell: (r) => (r.typeContrat ? (TYPES_CONTRAT_TRAVAIL[r.typeContrat as keyof typeof TYPES_CONTRAT_TRAVAIL] ?? r.typeContrat) : '') },
    { header: 'Durée', width: '10%', cell: (r) => r.duree ?? '' },
    { header: 'Entreprise', width: '18%', cell: (r) => r.entreprise ?? '' },
  ];
  return <Table columns={columns} rows={rows} empty="Aucune expérience renseignée." />;
}

function CerpSections({ cerp }: { cerp: NonNullable<ContractView['cerp']> }) {
  const sp = cerp.situationProfessionnelle;
  const inscriptions = cerp.situationEmploi.inscriptions;
  const metiers = [cerp.metiers[0], cerp.metiers[1]];
  return (
    <>
      <Section title="Situation professionnelle">
        <FieldGrid>
          <Field label="Reconnu(e) travailleur handicapé" value={yesNoFr(sp.rqth)} width="50%" />
          <Field label="Niveau de formation" value={niveauFormationLabel(sp.niveauFormation)} width="50%" />
          <Field label="Permis de conduire B" value={yesNoFr(sp.permisConduire)} width="50%" />
          <Field label="Autres permis" agreement="mp" value={sp.autresPermis} width="50%" />
          <Field label="Zone géographique privilégiée" agreement="f" value={sp.zoneGeographique} />
        </FieldGrid>
      </Section>
      <Section title="Situation face à l’emploi">
        <CheckGroup
          title="Inscription :"
          options={(Object.keys(INSCRIPTION_LABELS) as (keyof typeof INSCRIPTION_LABELS)[]).map((k) => ({
            label: INSCRIPTION_LABELS[k],
            checked: inscriptions[k],
          }))}
        />
        <Text style={styles.subTitle}>Profil professionnel (expériences : emploi, formation…)</Text>
        <ExperiencesTable rows={cerp.situationEmploi.experiences} />
        <Text style={styles.subTitle} minPresenceAhead={60}>
          Métier(s) recherché(s)
        </Text>
        {metiers.map((m, i) => (
          <View key={i} style={[styles.box, { marginBottom: 4 }]} wrap={false}>
            <Text style={styles.bold}>Choix {i + 1}</Text>
            <FieldGrid>
              <Field label="Métier (code ROME)" value={m ? `${m.romeCode} – ${m.romeLabel}` : ''} />
              <Field label="Domaine" value={m ? `${m.domaine.letter} – ${m.domaine.label}` : ''} width="50%" />
              <Field label="Salaire attendu" value={moneyText(m?.salaireAttendu)} width="50%" />
              <Field label="Caractéristiques du métier recherché" agreement="fp" value={m?.caracteristiques} />
              <Field label="Situation du marché du travail local" agreement="f" value={m?.marcheLocal} />
              <Field label="Avis du référent" value={m?.avisReferent} />
            </FieldGrid>
          </View>
        ))}
      </Section>
      <Section title="Plan d’accompagnement professionnel : conclusion de l’entretien">
        <TextField label="Conclusion de l’entretien" agreement="f" value={cerp.conclusion} lines={4} />
      </Section>
    </>
  );
}

function DecisionBlock({ decision }: { decision: ContractView['decision'] }) {
  return (
    <View style={[styles.box, { marginTop: 6 }]} wrap={false}>
      <Text style={styles.bold}>{upper('Décision du Président du Conseil départemental')}</Text>
      <View style={{ flexDirection: 'row', marginTop: 3 }}>
        <CheckGroup
          width="50%"
          options={[
            { label: 'Contrat validé', checked: decision?.sens === 'valide' },
            { label: 'Contrat rejeté', checked: decision?.sens === 'rejete' },
          ]}
        />
        <View style={{ width: '50%' }}>
          <Field label="Date de la décision" agreement="f" value={formatDate(decision?.date)} />
          <Field label="Décision enregistrée par" value={decision?.par} />
        </View>
      </View>
      <Field label="Motif du rejet" value={decision?.sens === 'rejete' ? decision.motif : decision ? 'sans objet' : ''} />
      <Text style={{ marginTop: 3 }}>Pour le Président du Conseil départemental et par délégation,</Text>
      <Text>le chef du Service Local Allocation Insertion ou le directeur de la Maison du Département Solidarité.</Text>
      <Text style={{ color: COLORS.muted, marginTop: 2 }}>Signature et cachet :</Text>
      <View style={{ height: 44 }} />
    </View>
  );
}

function ContractDocument({ view, ctx }: { view: ContractView; ctx: DocumentContext }) {
  const identity = identityOf(view.etatCivil);
  const name = personName(identity);
  const papVersion = view.papVersions.find((v) => v.version === view.pap.version);
  const papNote =
    view.pap.origin === 'avenant'
      ? `Version ${view.pap.version} du plan, issue de l’avenant du ${formatDate(view.pap.date)}${view.pap.motif ? ` (${view.pap.motif})` : ''}.`
      : papVersion && view.papVersions.length > 1
        ? `Version ${view.pap.version} du plan.`
        : '';
  return (
    <DocumentPage
      reference={`${view.type} n° ${view.id} – ${name} – N° CAF ${identity.cafNumber}`}
      footerNote={`${CONTRACT_TYPE_LABELS[view.type]} – à établir en deux exemplaires originaux transmis au SLAI`}
      copyLabels={ORIGINAL_LABELS}
      watermark={view.status === 'brouillon' ? PROJECT_WATERMARK : undefined}
    >
      <Letterhead
        mds={ctx.mds}
        aside={
          <View style={{ alignItems: 'flex-end' }}>
            <Text style={styles.bold}>
              {view.type} n° {view.id}
            </Text>
            <Text>État : {view.statusLabel}</Text>
            {view.renewalOfId ? <Text>Renouvelle le contrat n° {view.renewalOfId}</Text> : null}
          </View>
        }
      />
      <TitleBlock
        title={TITLES[view.type]}
        subtitle="Livret du référent RSA – Annexe 5"
        lines={[`Contrat conclu ${periodFr(view.start, view.end)} – durée : ${view.durationMonths} mois`]}
      />
      <Paragraph small>
        Établi en deux exemplaires originaux, tous deux transmis au Service Local Allocation Insertion (SLAI).
      </Paragraph>
      <Paragraph small>
        Suite à la décision d’orientation du {formatDate(view.orientation.date)} : {orientationLabel(view.orientation.orientation)}.
      </Paragraph>

      <Section title="État civil du bénéficiaire">
        <IdentityBlock person={identity} withContact />
      </Section>

      {view.cerp ? <CerpSections cerp={view.cerp} /> : null}

      <Section title={view.type === 'CERS' ? 'Plan d’action du contrat' : 'Objectifs du contrat'}>
        <TextField label="Objectif(s) de l’accompagnement" value={view.objectifs} />
        <TextField label="Résultats escomptés" agreement="mp" value={view.resultatsAttendus} />
        {view.type === 'CERS' ? <TextField label="Perspective professionnelle : emploi(s) recherché(s)" agreement="f" value={view.emploisRecherches} /> : null}
      </Section>

      <Section title="Plan d’accompagnement – parcours personnalisé (PAP)">
        {papNote ? <Paragraph small italic>{papNote}</Paragraph> : null}
        <PapTable rows={view.pap.actions} />
      </Section>

      {view.type === 'CERP' ? (
        <Section title="Bilan complémentaire : fiche de suivi emploi">
          <SuiviEmploiTable rows={view.suiviEmploi} />
          <Paragraph small italic>
            Offre raisonnable : {RAISONNABLE_DEFINITION}
          </Paragraph>
          {RESULTATS.map((r) => (
            <Paragraph key={r} small italic>
              {resultatLabel(r)} : {RESULTAT_DEFINITIONS[r]}
            </Paragraph>
          ))}
        </Section>
      ) : null}

      {view.bilanGeneral || view.endedOn ? (
        <Section title="Bilan général du contrat">
          <TextField label="Bilan" value={view.bilanGeneral} />
          {view.endedOn ? <Field label="Fin du contrat constatée le" value={formatDate(view.endedOn)} /> : null}
          {view.closureMotif ? <Field label="Motif de la clôture" value={view.closureMotif} /> : null}
        </Section>
      ) : null}

      <Section title={view.type === 'CERS' ? 'Partie réservée au référent solidarité' : 'Partie réservée au référent professionnel'}>
        <FieldGrid>
          <Field label="Référent" value={view.referentIdentity.displayName} width="50%" />
          <Field label="Structure" agreement="f" value={view.referentIdentity.structure} width="50%" />
          <Field label="Lieu du suivi" value={view.referent.lieuSuivi} />
          <Field label="Prochains rendez-vous" agreement="mp" value={view.referent.prochainsRendezVous.map((d: string) => formatDate(d))} />
        </FieldGrid>
      </Section>

      <Section title="Partie réservée aux remarques du bénéficiaire">
        <TextField label="Observations ou souhaits du bénéficiaire sur l’accompagnement proposé" agreement="fp" value={view.remarquesBeneficiaire} lines={4} />
      </Section>

      <Section title="Engagements et signatures">
        <Paragraph>
          Le présent contrat a été librement débattu et négocié entre le bénéficiaire du RSA et son référent. Il engage le bénéficiaire, le
          référent et le Président du Conseil départemental. {SANCTION_MENTION}
        </Paragraph>
        <SignatureRow
          blocks={[
            {
              title: 'Le référent',
              name: view.signatures.referent?.nom ?? view.referentIdentity.displayName,
              role: view.referentIdentity.structure,
              date: view.signatures.referent?.date,
              place: madeAt(ctx.mds, view.referent.lieuSuivi),
            },
            {
              title: 'Le bénéficiaire',
              name: view.signatures.beneficiaire?.nom ?? name,
              luEtApprouve: true,
              date: view.signatures.beneficiaire?.date,
              place: madeAt(ctx.mds, view.referent.lieuSuivi),
            },
          ]}
        />
        <DecisionBlock decision={view.decision} />
      </Section>
    </DocumentPage>
  );
}

/** Both originals of a contract. */
export function contractPages(view: ContractView, ctx: DocumentContext): RenderedPages {
  const name = personName(view.etatCivil);
  return {
    meta: {
      title: `${view.type} n° ${view.id} – ${name}`,
      subject: CONTRACT_TYPE_LABELS[view.type],
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: `${view.type}, contrat d’engagements réciproques, RSA`,
      date: view.updatedAt,
    },
    pages: [<ContractDocument view={view} ctx={ctx} />],
    fileName: `${view.type} ${view.id} – ${name}${view.status === 'brouillon' ? ' – projet' : ''}.pdf`,
    copies: 2,
  };
}
