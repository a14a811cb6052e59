/** @jsxRuntime automatic */
/**
 * Fiche de liaison référent – Conseil départemental (livret, « LA FICHE DE LIAISON », Annexe 7), laid out as
 * Annexe 7's pages: (1) the administrative part and the « sollicitation de l’avis du correspondant »; (2) the
 * demande d’étude en équipe pluridisciplinaire (réorientation, suspension), the demande d’action Conseil
 * Général (its three lists) and, for an avenant, the modified PAP; (3) the signatures of the référent and of
 * the beneficiary; (4) the correspondent’s observation, the EP’s avis and the Président’s part; (5) the
 * structure’s part for a CG action. Every box of the form is printed, ticked or not.
 *
 * Also the correspondent’s answer to a fiche (`ficheAnswerPages`): the letter sent back to the référent.
 */
import { Text, View } from '@react-pdf/renderer';
import { FICHE_STATE_LABELS, STRUCTURE_OUTCOMES, type FicheView } from '../../../shared/api/fiches';
import {
  ACTIONS_CG_LISTS,
  FICHE_TYPE_LABELS,
  REORIENTATION_MOTIF_LABELS,
  REORIENTATION_MOTIFS,
  SUSPENSION_MOTIF_LABELS,
  SUSPENSION_MOTIFS,
} from '../../../shared/domain/rules/fiche-liaison';
import { periodFr } from '../format';
import { niveauFormationLabel, orientationLabel, situationFamilialeLabel } from '../labels';
import type { DocumentContext, RenderedPages } from '../model';
import {
  CheckGroup,
  CheckRow,
  Checkbox,
  DocumentPage,
  Field,
  FieldGrid,
  IdentityBlock,
  Letterhead,
  Paragraph,
  Section,
  SignatureRow,
  TextField,
  TitleBlock,
} from '../pieces';
import { COLORS, styles } from '../styles';
import { identityOf, PapTable } from './contract';
import { formatDate, personName } from '../../../shared/domain/format';

const CG = 'Conseil départemental';

function AdministrativePart({ view, ctx }: { view: FicheView; ctx: DocumentContext }) {
  const a = view.administratif;
  const b = a.beneficiaire;
  const contrat = view.fiche.contrat ?? (a.contrat ? { start: a.contrat.start, end: a.contrat.end } : null);
  return (
    <>
      <View style={[styles.box, { marginBottom: 6 }]} wrap={false}>
        <FieldGrid>
          <Field label="Maison du Département Solidarité" agreement="f" value={a.mds || ctx.mds.name} />
          <Field label="Correspondant" value={a.correspondant} />
          <Field label="Référent solidarité / professionnel" value={a.referent?.displayName} width="50%" />
          <Field label="Organisme" value={a.organisme ?? a.referent?.structure} width="50%" />
          <Field label="Tél." value="" width="50%" />
          <Field label="Mail" value="" width="50%" />
        </FieldGrid>
      </View>
      <View style={[styles.box, { marginBottom: 6 }]} wrap={false}>
        <Text style={[styles.bold, { marginBottom: 3 }]}>BÉNÉFICIAIRE DU RSA</Text>
        <FieldGrid>
          <Field label="N° allocataire CAF" value={b.cafNumber} width="50%" />
          <Field label="RSA depuis le" value={formatDate(b.rsaDepuis)} width="50%" />
          <Field label="N° France Travail (ex-Pôle Emploi) (si inscrit)" value={b.peNumber} width="50%" />
          <Field label="Niveau de formation" value={niveauFormationLabel(b.niveauFormation)} width="50%" />
          <Field label="Nom patronymique" value={b.nomPatronymique} width="50%" />
          <Field label="Prénom" value={b.prenoms} width="50%" />
          <Field label="Nom d’usage" value={b.nomUsage} />
          <Field label="Adresse" agreement="f" value={[b.address.line1, b.address.line2 ?? '', `${b.address.postalCode} ${b.address.city}`].filter(Boolean).join(', ')} />
          <Field label="Date de naissance" agreement="f" value={formatDate(b.dateNaissance)} width="50%" />
          <Field label="Situation familiale" agreement="f" value={situationFamilialeLabel(b.situationFamiliale)} width="50%" />
          <Field label="N° téléphone" value={b.telephone} width="50%" />
          <Field label="N° portable" value={b.portable} width="50%" />
          <Field label="E-mail" value={b.email} />
        </FieldGrid>
      </View>
      <View style={[styles.box, { marginBottom: 6 }]} wrap={false}>
        <Text style={[styles.bold, { marginBottom: 3 }]}>CONTRAT D’ENGAGEMENTS RÉCIPROQUES</Text>
        <FieldGrid>
          <Field label="Contrat" value={a.contrat ? `${a.contrat.type} n° ${a.contrat.id}` : ''} width="34%" />
          <Field label="Date de début" agreement="f" value={formatDate(contrat?.start)} width="33%" />
          <Field label="Date de fin" agreement="f" value={formatDate(contrat?.end)} width="33%" />
        </FieldGrid>
      </View>
    </>
  );
}

function Sollicitation({ view }: { view: FicheView }) {
  const t = view.fiche.type;
  return (
    <Section title="Sollicitation de l’avis du correspondant">
      <Checkbox checked={t === 'appui'} label="DEMANDE D’APPUI" detail={t === 'appui' && view.fiche.parCourriel ? 'transmise par courriel' : null} />
      <View style={{ marginLeft: 14 }}>
        <Checkbox checked={t === 'reorientation' || t === 'suspension'} label="Passage en Équipe Pluridisciplinaire" />
        <Checkbox checked={t === 'avenant'} label="Modification du PAP" />
        <Checkbox checked={t === 'actions_cg'} label="Actions Conseil Général" />
        <Checkbox checked={false} label="Autre(s)" />
      </View>
      <TextField label={t === 'appui' ? 'Objet de la demande d’appui' : 'Précisions'} agreement={t === 'appui' ? 'm' : 'fp'} value={t === 'appui' ? view.fiche.texte : null} lines={5} />
    </Section>
  );
}

function EpRequest({ view }: { view: FicheView }) {
  const f = view.fiche;
  const reo = f.type === 'reorientation';
  const sus = f.type === 'suspension';
  const sphere = f.cible === 'solidarite' ? 'solidarite' : f.cible ? 'emploi' : null;
  return (
    <Section title="Demande d’étude en équipe pluridisciplinaire">
      <View style={{ flexDirection: 'row' }}>
        <View style={{ width: '50%', paddingRight: 6 }}>
          <Checkbox checked={reo} label="Réorientation ¹" />
          <View style={{ marginLeft: 14 }}>
            <Checkbox checked={reo && sphere === 'emploi'} label="Emploi" />
            <Checkbox checked={reo && sphere === 'solidarite'} label="Solidarité" />
            {reo && f.cible ? <Text style={styles.italic}>Orientation demandée : {orientationLabel(f.cible)}</Text> : null}
          </View>
          <CheckGroup
            title="Motif de la réorientation :"
            options={REORIENTATION_MOTIFS.map((m) => ({ label: REORIENTATION_MOTIF_LABELS[m], checked: reo && f.motif === m }))}
          />
        </View>
        <View style={{ width: '50%' }}>
          <Checkbox checked={sus} label="Suspension" />
          <CheckGroup
            title="Motif de la suspension :"
            options={SUSPENSION_MOTIFS.map((m) => ({ label: `${SUSPENSION_MOTIF_LABELS[m]}${m === 'non_signature' ? ' ²' : ''}`, checked: sus && f.motif === m }))}
          />
        </View>
      </View>
      <TextField label="Motif de la demande" value={reo || sus ? f.motifPrecision : null} lines={4} />
      <Paragraph small italic>
        ¹ À chaque demande de réorientation, transmettre également l’échelle de distance à l’emploi
        {view.edeId ? ` (EDE n° ${view.edeId} jointe)` : ''}. ² À chaque demande de suspension, transmettre aussi les différents courriers de
        convocation.
      </Paragraph>
    </Section>
  );
}

function CgRequest({ view }: { view: FicheView }) {
  const chosen = new Map(view.fiche.actionsCg.map((a) => [a.code, a]));
  return (
    <Section title="Demande d’action Conseil Général">
      {ACTIONS_CG_LISTS.map((list) => (
        <View key={list.code} style={{ marginBottom: 4 }}>
          <Text style={[styles.subTitle, { textDecoration: 'underline' }]} minPresenceAhead={30}>
            {list.label}
          </Text>
          <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>
            {list.groups.map((g) => (
              <CheckGroup
                key={g.label}
                width="50%"
                title={g.label}
                options={g.options.map((o) => ({
                  label: `${o.label}${o.requiresCv ? ' ³' : ''}`,
                  checked: chosen.has(o.code),
                  detail: chosen.get(o.code)?.precision ?? null,
                }))}
              />
            ))}
          </View>
        </View>
      ))}
      <Field label="Structure souhaitée pour l’action" agreement="f" value={view.fiche.structureSouhaitee} />
      <Paragraph small italic>
        ³ À chaque positionnement sur un CUI, veuillez transmettre le CV.
      </Paragraph>
    </Section>
  );
}

function AvenantPart({ view }: { view: FicheView }) {
  const f = view.fiche;
  if (f.type !== 'avenant') return null;
  return (
    <Section title="Modification du PAP : avenant au contrat d’engagements réciproques">
      <Field label="Période du contrat (inchangée)" agreement="f" value={periodFr(f.contrat?.start, f.contrat?.end)} />
      <TextField label="Raisons de la modification du PAP" agreement="fp" value={f.motif} />
      <Text style={styles.subTitle}>PAP modifié joint à la fiche</Text>
      <PapTable rows={f.pap?.actions ?? []} />
      <Paragraph small italic>
        L’avenant ne modifie pas la durée initialement prévue dans le contrat.
      </Paragraph>
    </Section>
  );
}

function Signatures({ view }: { view: FicheView }) {
  const f = view.fiche;
  const b = view.administratif.beneficiaire;
  const name = personName(b);
  return (
    <Section title="Signature du référent et du bénéficiaire" breakBefore>
      <Text style={styles.subTitle}>PARTIE RÉSERVÉE AU RÉFÉRENT</Text>
      <TextField label="Observations du référent" agreement="fp" value={f.type === 'appui' ? null : f.texte} lines={3} />
      <SignatureRow
        blocks={[{ title: 'Signature du référent', name: view.administratif.referent?.displayName, place: f.lieu, date: f.signatures.referent, width: '100%' }]}
      />
      <Text style={[styles.subTitle, { marginTop: 8 }]}>PARTIE RÉSERVÉE AUX REMARQUES DU BÉNÉFICIAIRE ⁴</Text>
      <TextField label="Remarques du bénéficiaire" agreement="fp" value={f.remarquesBeneficiaire} lines={3} />
      <Paragraph>
        Je soussigné(e), Madame, Monsieur {name}, adhère aux actions proposées et atteste avoir pris connaissance que les informations seront
        communiquées au Président du Département pour validation et que le non-respect de l’obligation d’engagement peut entraîner la
        suspension de l’allocation RSA après avis de l’équipe pluridisciplinaire.
      </Paragraph>
      <SignatureRow blocks={[{ title: 'Signature du bénéficiaire', name, place: f.lieu, date: f.signatures.beneficiaire, width: '100%' }]} />
      <Paragraph small italic>
        ⁴ La signature du bénéficiaire est obligatoire dans le cas d’une demande d’action CG ou d’avenant au contrat.
      </Paragraph>
    </Section>
  );
}

function Answers({ view }: { view: FicheView }) {
  const answer = view.answer;
  return (
    <>
      <Section title="Observation / avis du correspondant" breakBefore>
        <Field label="Avis" value={answer ? (answer.decision === 'acceptee' ? 'Demande acceptée' : 'Demande refusée') : ''} />
        <TextField label="Observation" agreement="f" value={answer?.texte} lines={5} />
        <FieldGrid>
          <Field label="Fait le" value={formatDate(answer?.date)} width="50%" />
          <Field label="Signature" agreement="f" value={answer?.auteur} width="50%" />
        </FieldGrid>
      </Section>
      <Section title="Avis de l’équipe pluridisciplinaire pour une demande de réorientation ou de suspension">
        <CheckRow options={[{ label: 'Favorable', checked: false }, { label: 'Défavorable', checked: false }]} />
        <TextField label="Avis motivé" value={null} lines={4} />
        <FieldGrid>
          <Field label="Fait le" value="" width="50%" />
          <Field label="Signature" agreement="f" value="" width="50%" />
        </FieldGrid>
      </Section>
      <PresidentPart view={view} />
    </>
  );
}

const DELEGATION_LINES = [
  `Signature : le Président du ${CG}, par délégation,`,
  'le chef du Service Local Allocation Insertion ou le directeur de la Maison du Département Solidarité.',
];

/** « Partie réservée au Président »: the decision recorded (actions CG, avenant), else the blank form. */
function PresidentPart({ view }: { view: FicheView }) {
  const p = view.president;
  const title = `Partie réservée au Président du ${CG}`;
  if (!p) {
    return (
      <Section title={title}>
        <CheckRow label="Décision :" options={[{ label: 'Avis favorable', checked: false }, { label: 'Avis défavorable', checked: false }]} />
        <CheckRow label="Avenant au contrat d’engagements réciproques initialement signé :" options={[{ label: 'oui', checked: false }, { label: 'non', checked: false }]} />
        <TextField label="Observations" agreement="fp" value={null} lines={3} />
        <FieldGrid>
          <Field label="Structure désignée pour l’inscription à une action CG" agreement="f" value="" />
          <Field label="Adresse" agreement="f" value="" />
          <Field label="Animateur" value="" />
          <Field label="N° téléphone" value="" width="50%" />
          <Field label="N° fax" value="" width="50%" />
          <Field label="E-mail" value="" width="50%" />
          <Field label="Le" value="" width="50%" />
        </FieldGrid>
        {DELEGATION_LINES.map((line, i) => (
          <Text key={line} style={i === 0 ? { marginTop: 4 } : undefined}>
            {line}
          </Text>
        ))}
        <View style={{ height: 40 }} />
      </Section>
    );
  }
  const avenant = view.fiche.type === 'avenant';
  return (
    <Section title={title}>
      <CheckRow
        label="Décision :"
        options={[
          { label: 'Accord', checked: p.decision === 'accord' },
          { label: 'Refus', checked: p.decision === 'refus' },
          { label: 'Ajournement', checked: p.decision === 'ajournement' },
        ]}
      />
      <CheckRow
        label="Avenant au contrat d’engagements réciproques initialement signé :"
        options={[
          { label: 'oui', checked: avenant && p.decision === 'accord' },
          { label: 'non', checked: !avenant || p.decision !== 'accord' },
        ]}
      />
      {p.reason ? <TextField label={p.decision === 'refus' ? 'Motif du refus' : p.decision === 'ajournement' ? 'Motif de l’ajournement' : 'Observations'} agreement="m" value={p.reason} lines={1} /> : null}
      {p.structure ? <Field label="Structure désignée pour l’inscription à une action CG" agreement="f" value={p.structure} /> : null}
      <Field label="Le" value={formatDate(p.date)} />
      <Text style={{ marginTop: 4 }}>Signature : le Président du {CG},</Text>
      <Text>{`${p.signatoryDelegation ? 'Par délégation, ' : ''}${p.signatoryName}, ${p.signatoryFunction}`}</Text>
      {p.signatoryDelegation && p.signatoryDelegation !== 'Par délégation' ? <Text>({p.signatoryDelegation})</Text> : null}
    </Section>
  );
}

function StructurePart({ view }: { view: FicheView }) {
  const s = view.structureFeedback;
  const detail = (code: keyof typeof STRUCTURE_OUTCOMES): string | null => {
    if (!s || s.outcome !== code) return null;
    if (code === 'absente') return s.nouvelleDate ? `autre date de rendez-vous : ${formatDate(s.nouvelleDate)}` : null;
    if (code === 'n_integre_pas' || code === 'ne_poursuit_pas') return s.motif ? `motif : ${s.motif}` : null;
    if (code === 'reorientation_referent_solidarite') return s.dateReorientation ? `le ${formatDate(s.dateReorientation)}` : null;
    return null;
  };
  return (
    <Section title="Partie réservée à la structure pour une demande d’action CG" breakBefore>
      <Field label="Structure souhaitée pour l’action" agreement="f" value={view.fiche.structureSouhaitee} />
      <FieldGrid>
        <Field label="Nom de la structure" value={s?.structure} />
        <Field label="Nom de l’intervenant" value={s?.intervenant} />
        <Field label="Adresse" agreement="f" value={s?.adresse} />
        <Field label="Tél." value={s?.telephone} width="34%" />
        <Field label="Fax" value="" width="33%" />
        <Field label="E-mail" value={s?.email} width="33%" />
        <Field label="Date du 1er rendez-vous" agreement="f" value={formatDate(s?.premierRendezVous)} />
      </FieldGrid>
      <CheckGroup
        options={(Object.keys(STRUCTURE_OUTCOMES) as (keyof typeof STRUCTURE_OUTCOMES)[]).map((code) => ({
          label: STRUCTURE_OUTCOMES[code],
          checked: s?.outcome === code,
          detail: detail(code),
        }))}
      />
      <TextField label="Synthèse de l’action" agreement="f" value={s?.synthese} lines={6} />
      <SignatureRow blocks={[{ title: 'Signature et cachet de la structure', name: s?.intervenant, date: null, width: '100%' }]} />
    </Section>
  );
}

function FicheDocument({ view, ctx }: { view: FicheView; ctx: DocumentContext }) {
  const identity = identityOf(view.administratif.beneficiaire);
  const t = view.fiche.type;
  return (
    <DocumentPage
      reference={`Fiche de liaison n° ${view.id} du ${formatDate(view.fiche.date)} – ${personName(identity)} – N° CAF ${identity.cafNumber}`}
      footerNote={`Fiche de liaison référent – ${CG} (livret du référent RSA, Annexe 7) – ${FICHE_STATE_LABELS[view.status]}`}
    >
      <Letterhead
        mds={ctx.mds}
        aside={
          <View style={{ alignItems: 'flex-end' }}>
            <Text style={styles.bold}>Fiche n° {view.id}</Text>
            <Text>Demande du {formatDate(view.fiche.date)}</Text>
            <Text>État : {view.statusLabel}</Text>
            {view.sentOn ? <Text>Envoyée le {formatDate(view.sentOn)}</Text> : null}
          </View>
        }
      />
      <TitleBlock title={`Fiche de liaison référent – ${CG}`} subtitle="Livret du référent RSA – Annexe 7" lines={[FICHE_TYPE_LABELS[t]]} />
      <AdministrativePart view={view} ctx={ctx} />
      <Sollicitation view={view} />
      <View break>
        <EpRequest view={view} />
      </View>
      <CgRequest view={view} />
      <AvenantPart view={view} />
      {view.attachments.length > 0 ? (
        <Section title="Pièces jointes">
          {view.attachments.map((a) => (
            <Text key={a.id}>
              • {a.label ?? a.fileName}
              {a.documentDate ? ` du ${formatDate(a.documentDate)}` : ''} ({a.fileName})
            </Text>
          ))}
        </Section>
      ) : null}
      <Signatures view={view} />
      <Answers view={view} />
      <StructurePart view={view} />
    </DocumentPage>
  );
}

export function fichePages(view: FicheView, ctx: DocumentContext): RenderedPages {
  const name = personName(view.administratif.beneficiaire);
  return {
    meta: {
      title: `Fiche de liaison n° ${view.id} – ${name}`,
      subject: `Fiche de liaison – ${view.typeLabel}`,
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: 'fiche de liaison, RSA',
      date: view.updatedAt,
    },
    pages: [<FicheDocument view={view} ctx={ctx} />],
    fileName: `Fiche de liaison ${view.id} – ${name}.pdf`,
    copies: 1,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The correspondent's answer
// ---------------------------------------------------------------------------------------------------------

function consequences(view: FicheView): string[] {
  const out: string[] = [];
  if (view.answer?.decision !== 'acceptee') return out;
  if (view.epSaisineId) out.push(`L’équipe pluridisciplinaire est saisie (saisine n° ${view.epSaisineId}).`);
  if (view.avenantPapVersion) out.push(`Le plan d’accompagnement du contrat passe en version ${view.avenantPapVersion} (avenant).`);
  return out;
}

function AnswerDocument({ view, ctx }: { view: FicheView; ctx: DocumentContext }) {
  const answer = view.answer;
  const identity = identityOf(view.administratif.beneficiaire);
  const a = view.administratif;
  return (
    <DocumentPage
      reference={`Réponse à la fiche de liaison n° ${view.id} – ${personName(identity)} – N° CAF ${identity.cafNumber}`}
      footerNote={`Réponse du correspondant – fiche de liaison référent – ${CG}`}
    >
      <Letterhead mds={ctx.mds} aside={<Text style={styles.bold}>{answer ? `Le ${formatDate(answer.date, 'long')}` : ''}</Text>} />
      <TitleBlock title="Réponse du correspondant" subtitle="Fiche de liaison référent – Conseil départemental (Annexe 7)" lines={[`Fiche n° ${view.id} du ${formatDate(view.fiche.date)} : ${view.typeLabel}`]} />
      <View style={[styles.box, { marginBottom: 6 }]} wrap={false}>
        <FieldGrid>
          <Field label="Destinataire" value={a.referent?.displayName} width="50%" />
          <Field label="Organisme" value={a.organisme ?? a.referent?.structure} width="50%" />
          <Field label="Correspondant" value={answer?.auteur ?? a.correspondant} width="50%" />
          <Field label="Demande envoyée le" value={formatDate(view.sentOn)} width="50%" />
        </FieldGrid>
      </View>
      <IdentityBlock person={identity} />
      <Section title="Rappel de la demande">
        <Field label="Objet" value={view.typeLabel} />
        {view.fiche.type === 'appui' ? <TextField label="Demande" agreement="f" value={view.fiche.texte} /> : null}
        {view.fiche.type === 'reorientation' && view.fiche.motif ? (
          <Field label="Motif" value={REORIENTATION_MOTIF_LABELS[view.fiche.motif as keyof typeof REORIENTATION_MOTIF_LABELS] ?? view.fiche.motif} />
        ) : null}
        {view.fiche.type === 'suspension' && view.fiche.motif ? (
          <Field label="Motif" value={SUSPENSION_MOTIF_LABELS[view.fiche.motif as keyof typeof SUSPENSION_MOTIF_LABELS] ?? view.fiche.motif} />
        ) : null}
        {view.fiche.type === 'avenant' ? <Field label="Raisons de la modification" agreement="fp" value={view.fiche.motif} /> : null}
        {view.fiche.motifPrecision ? <TextField label="Précisions" agreement="fp" value={view.fiche.motifPrecision} /> : null}
        {view.fiche.actionsCg.length > 0 ? (
          <Field label="Actions demandées" agreement="fp" value={view.fiche.actionsCg.map((c) => (c.precision ? `${c.label} (${c.precision})` : c.label))} />
        ) : null}
      </Section>
      <Section title="Avis du correspondant">
        <View style={[styles.box, { marginBottom: 4 }]}>
          <Text style={{ fontWeight: 'bold', fontSize: 11 }}>
            {answer ? (answer.decision === 'acceptee' ? '☒ Demande acceptée   ☐ Demande refusée' : '☐ Demande acceptée   ☒ Demande refusée') : ''}
          </Text>
        </View>
        <TextField label="Réponse au référent" agreement="f" value={answer?.texte} lines={6} />
        {consequences(view).map((c) => (
          <Paragraph key={c}>{c}</Paragraph>
        ))}
        {view.closedOn ? <Field label="Fiche close le" value={formatDate(view.closedOn)} /> : null}
      </Section>
      <SignatureRow blocks={[{ title: 'Le correspondant SLAI', name: answer?.auteur ?? a.correspondant, date: answer?.date, width: '60%' }]} />
      <Text style={{ color: COLORS.muted, fontSize: 7, marginTop: 4 }}>
        « A chaque demande, un retour sera fait au référent » (livret du référent RSA, la fiche de liaison).
      </Text>
    </DocumentPage>
  );
}

/** The correspondent's answer; the fiche must have one. */
export function ficheAnswerPages(view: FicheView, ctx: DocumentContext): RenderedPages {
  const name = personName(view.administratif.beneficiaire);
  return {
    meta: {
      title: `Réponse à la fiche de liaison n° ${view.id} – ${name}`,
      subject: 'Réponse du correspondant à une fiche de liaison',
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: 'fiche de liaison, réponse du correspondant, RSA',
      date: view.updatedAt,
    },
    pages: [<AnswerDocument view={view} ctx={ctx} />],
    fileName: `Réponse fiche ${view.id} – ${name}.pdf`,
    copies: 1,
  };
}
