/** @jsxRuntime automatic */
/**
 * The EP's letters: the convocation of each member (date, time, place, ordre du jour), the information letter of
 * each beneficiary (date, time, place, reason, their right to present observations), the procès-verbal of the
 * session (attendance and quorum, each case's avis, motivation and proposed sanction), and the letters of the
 * Président's decision to the beneficiary and to the référent (the decision and its effect: the new orientation
 * with its contract deadline, or the sanction schedule month by month).
 *
 * Every letter is one DocumentPage element: rendered with `numbering: 'section'`, the « page x / n » of a file of
 * convocations counts the pages of each letter.
 */
import { Text, View } from '@react-pdf/renderer';
import type { EpCancellation, EpConvocations, EpDecision, EpDecisionLetter, EpMinutes, EpSanction } from '../../../shared/api/ep';
import { ATTENDANCE_LABELS } from '../../../shared/domain/rules/ep-sessions';
import { ORIENTATION_LABELS } from '../../../shared/domain/rules/orientation';
import { SANCTION_KIND_LABELS } from '../../../shared/domain/rules/sanctions';
import { renderPdf } from '../engine';
import { amountFr, safeFileName } from '../format';
import type { DocumentContext, RenderedPages } from '../model';
import { DocumentPage, Field, FieldGrid, Letterhead, madeAt, Paragraph, Section, SignatureBlock, Table, TitleBlock, type Column } from '../pieces';
import { styles } from '../styles';
import { formatDate, plural } from '../../../shared/domain/format';

type Member = EpConvocations['members'][number];
type Beneficiary = EpConvocations['beneficiaries'][number];
type OrdreRow = EpConvocations['ordreDuJour'][number];
type AttendanceRow = EpMinutes['attendance'][number];
type MinutesCase = EpMinutes['cases'][number];
type SanctionLine = EpSanction['lines'][number];

const FOOTER_LETTER = 'Conseil départemental – Revenu de solidarité active';
const FOOTER_CONFIDENTIAL = 'Document confidentiel : réservé aux membres de l’équipe pluridisciplinaire';

const sensFr = (sens: 'favorable' | 'defavorable') => (sens === 'favorable' ? 'favorable' : 'défavorable');
export const timeFr = (time: string | null) => (time ? time.replace(':', ' h ') : null);

/** The addressee block, on the right as in a French administrative letter. */
export function Addressee({ lines }: { lines: string[] }) {
  return (
    <View style={{ marginLeft: '55%', marginTop: 6, marginBottom: 12 }}>
      {lines.map((line, i) => (
        <Text key={i} style={i === 0 ? styles.bold : {}}>
          {line}
        </Text>
      ))}
    </View>
  );
}

/** « Fait à …, le … » and « Objet : … ». */
export function LetterHeading({ place, date, objet }: { place: string; date: string; objet: string }) {
  return (
    <View style={{ marginBottom: 10 }}>
      <Text style={{ textAlign: 'right', marginBottom: 8 }}>
        {place}, le {formatDate(date, 'long')}
      </Text>
      <Text>
        <Text style={styles.bold}>Objet : </Text>
        {objet}
      </Text>
    </View>
  );
}

const ordreColumns: Column<OrdreRow>[] = [
  { header: 'N°', width: '8%', cell: (_r, i) => String(i + 1), align: 'center' },
  { header: 'Horaire', width: '14%', cell: (r) => r.slotStart ?? '—', align: 'center' },
  { header: 'Dossier', width: '30%', cell: (r) => r.label },
  { header: 'Objet', width: '48%', cell: (r) => r.theme },
];

// ---------------------------------------------------------------------------------------------------------
// Convocations of the members
// ---------------------------------------------------------------------------------------------------------

function MemberConvocation({ data, member, ctx }: { data: EpConvocations; member: Member; ctx: DocumentContext }) {
  const s = data.session;
  return (
    <>
      <Letterhead mds={ctx.mds} />
      <Addressee lines={[member.name, `${member.function} – ${member.organisationLabel}`, ...(member.address ? [member.address] : [])]} />
      <LetterHeading place={madeAt(ctx.mds, ctx.mds.territory ?? s.territory)} date={ctx.letterDate ?? s.date} objet={`Convocation à la séance de l’équipe pluridisciplinaire du ${formatDate(s.date, 'long')}`} />
      <Paragraph>Madame, Monsieur,</Paragraph>
      <Paragraph>
        J’ai l’honneur de vous convoquer à la séance de l’{s.epName} (territoire {s.territory}), qui se tiendra le {formatDate(s.date, 'long')} à{' '}
        {timeFr(s.startTime)}, au lieu suivant : {s.place}.
      </Paragraph>
      <FieldGrid>
        <Field label="Date" agreement="f" value={formatDate(s.date, 'long')} width="33%" />
        <Field label="Heure" agreement="f" value={timeFr(s.startTime)} width="33%" />
        <Field label="Lieu" value={s.place} width="34%" />
      </FieldGrid>
      <Section title="Ordre du jour">
        <Paragraph>{plural(data.ordreDuJour.length, 'dossier inscrit', 'dossiers inscrits')} à l’ordre du jour :</Paragraph>
        <Table columns={ordreColumns} rows={data.ordreDuJour} empty="Aucun dossier inscrit." />
      </Section>
      {member.substituteName ? (
        <Paragraph>En cas d’empêchement, je vous remercie de prévenir votre suppléant(e), {member.substituteName}, afin qu’il ou elle siège à votre place.</Paragraph>
      ) : (
        <Paragraph>En cas d’empêchement, je vous remercie d’en informer le secrétariat de l’équipe pluridisciplinaire.</Paragraph>
      )}
      <Paragraph>Le dossier de séance vous sera remis avant la séance. Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.</Paragraph>
      <View style={{ marginLeft: '52%', marginTop: 8 }}>
        <SignatureBlock title="Le secrétariat de l’équipe pluridisciplinaire" role={s.epName} place={madeAt(ctx.mds, ctx.mds.territory ?? s.territory)} width="100%" />
      </View>
    </>
  );
}

/** One convocation per member, each numbered on its own. */
export function convocationsPages(data: EpConvocations, ctx: DocumentContext): RenderedPages {
  const reference = `${data.session.epName} – séance du ${formatDate(data.session.date)} – convocation`;
  return {
    meta: { title: `Convocations des membres – séance du ${formatDate(data.session.date)}`, subject: 'Convocations', author: `Conseil départemental – ${ctx.mds.name}`, date: data.session.date },
    fileName: safeFileName(`Convocations EP ${data.session.territory} ${data.session.date}.pdf`),
    copies: 1,
    pages: data.members.map((m) => (
      <DocumentPage key={`member-${m.memberId}`} reference={`${reference} – ${m.name}`} footerNote={FOOTER_LETTER}>
        <MemberConvocation data={data} member={m} ctx={ctx} />
      </DocumentPage>
    )),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Information letters of the beneficiaries
// ---------------------------------------------------------------------------------------------------------

function InformationLetter({ data, b, ctx }: { data: EpConvocations; b: Beneficiary; ctx: DocumentContext }) {
  const when = `le ${formatDate(b.date, 'long')}${b.time ? ` à ${timeFr(b.time)}` : ''}`;
  return (
    <>
      <Letterhead mds={ctx.mds} />
      <Addressee lines={[`${b.civilite} ${b.name}`, ...b.address]} />
      <LetterHeading place={madeAt(ctx.mds, ctx.mds.territory ?? data.session.territory)} date={ctx.letterDate ?? data.session.date} objet="Examen de votre situation par l’équipe pluridisciplinaire – revenu de solidarité active" />
      <Paragraph>{b.civilite},</Paragraph>
      <Paragraph>
        Je vous informe que votre situation au regard du revenu de solidarité active sera examinée par l’{data.session.epName} {when}, au lieu suivant : {b.place}.
      </Paragraph>
      <FieldGrid>
        <Field label="Date" agreement="f" value={formatDate(b.date, 'long')} width="33%" />
        <Field label="Heure de passage" agreement="f" value={timeFr(b.time) ?? 'à préciser'} width="33%" />
        <Field label="Lieu" value={b.place} width="34%" />
        <Field label="Motif de l’examen" value={b.reason} />
      </FieldGrid>
      <Section title="Vos droits">
        <Paragraph>{b.observations}</Paragraph>
        <Paragraph>
          Conformément au code de l’action sociale et des familles, aucune décision de réduction ou de suspension de votre allocation ne peut intervenir sans que vous ayez été mis(e) en mesure de
          faire connaître vos observations.
        </Paragraph>
      </Section>
      <Paragraph>Pour toute question, vous pouvez contacter votre référent ou la Maison du Département Solidarité.</Paragraph>
      <Paragraph>Je vous prie d’agréer, {b.civilite}, l’expression de mes salutations distinguées.</Paragraph>
      <View style={{ marginLeft: '52%', marginTop: 8 }}>
        <SignatureBlock
          title="Le Président du Conseil départemental"
          role="Par délégation, le Chef du Service Local Allocation Insertion"
          place={madeAt(ctx.mds, ctx.mds.territory ?? data.session.territory)}
          width="100%"
        />
      </View>
    </>
  );
}

/** One information letter per beneficiary, each numbered on its own. */
export function informationsPages(data: EpConvocations, ctx: DocumentContext): RenderedPages {
  const reference = `${data.session.epName} – séance du ${formatDate(data.session.date)} – information`;
  return {
    meta: {
      title: `Lettres d’information des bénéficiaires – séance du ${formatDate(data.session.date)}`,
      subject: 'Lettres d’information',
      author: `Conseil départemental – ${ctx.mds.name}`,
      date: data.session.date,
    },
    fileName: safeFileName(`Lettres d’information EP ${data.session.territory} ${data.session.date}.pdf`),
    copies: 1,
    pages: data.beneficiaries.map((b) => (
      <DocumentPage key={`beneficiary-${b.itemId}`} reference={`${reference} – ${b.name}`} footerNote={FOOTER_LETTER}>
        <InformationLetter data={data} b={b} ctx={ctx} />
      </DocumentPage>
    )),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Procès-verbal
// ---------------------------------------------------------------------------------------------------------

const attendanceColumns: Column<AttendanceRow>[] = [
  { header: 'Membre', width: '26%', cell: (r) => `${r.name}${r.isPresident ? ' (Président)' : ''}` },
  { header: 'Fonction', width: '22%', cell: (r) => r.function },
  { header: 'Organisme', width: '26%', cell: (r) => r.organisationLabel },
  { header: 'Présence', width: '26%', cell: (r) => (r.status ? `${ATTENDANCE_LABELS[r.status]}${r.replacedBy ? ` par ${r.replacedBy}` : ''}` : 'Non renseignée') },
];

const caseColumns: Column<MinutesCase>[] = [
  { header: 'N°', width: '5%', cell: (_r, i) => String(i + 1), align: 'center' },
  { header: 'Bénéficiaire', width: '17%', cell: (r) => r.name },
  { header: 'Objet', width: '18%', cell: (r) => `${r.originLabel} : ${r.theme}` },
  { header: 'Avis', width: '12%', cell: (r) => (r.avis ? `${sensFr(r.avis.sens)}${r.avis.late ? ' (hors délai)' : ''}` : 'Pas d’avis') },
  { header: 'Motivation', width: '32%', cell: (r) => r.avis?.motivation ?? '—' },
  { header: 'Sanction proposée', width: '16%', cell: (r) => (r.avis?.proposedSanction ? SANCTION_KIND_LABELS[r.avis.proposedSanction] : '—') },
];

/** The procès-verbal of a session held. */
export function minutesPages(data: EpMinutes, ctx: DocumentContext): RenderedPages {
  const s = data.session;
  const title = `Procès-verbal de la séance de l’équipe pluridisciplinaire du ${formatDate(s.date)}`;
  const q = data.quorum;
  return {
    meta: { title, subject: 'Procès-verbal', author: `Conseil départemental – ${ctx.mds.name}`, date: s.date },
    fileName: safeFileName(`Procès-verbal EP ${s.territory} ${s.date}.pdf`),
    copies: 1,
    pages: [
      <DocumentPage key="pv" reference={`${s.epName} – procès-verbal du ${formatDate(s.date)}`} footerNote={FOOTER_CONFIDENTIAL}>
        <Letterhead mds={ctx.mds} />
        <TitleBlock
          title={title}
          subtitle={s.epName}
          lines={[`Territoire : ${s.territory}`, `${s.place}, le ${formatDate(s.date, 'long')} à ${timeFr(s.startTime)}`, `Présidence : ${s.president ?? 'non désignée'}`]}
        />
        <Section title="Présences et quorum">
          <Table columns={attendanceColumns} rows={data.attendance} empty="Aucun membre." />
          <Paragraph>
            Quorum : {plural(q.counted, 'membre présent ou représenté', 'membres présents ou représentés')} sur {q.members}, {q.required} requis — quorum {q.reached ? 'atteint' : 'non atteint'}.
          </Paragraph>
          {q.warning ? <Paragraph italic>{q.warning}</Paragraph> : null}
        </Section>
        <Section title="Avis rendus">
          <Table columns={caseColumns} rows={data.cases} empty="Aucun dossier examiné." rowLength={(r) => (r.avis?.motivation ?? '').length} />
        </Section>
        {data.postponed.length > 0 ? (
          <Section title="Dossiers reportés ou retirés">
            {data.postponed.map((p, i) => (
              <Paragraph key={i}>
                {p.name} — {p.status} : {p.reason}
              </Paragraph>
            ))}
          </Section>
        ) : null}
        <View style={{ flexDirection: 'row', justifyContent: 'space-between', marginTop: 10 }} wrap={false}>
          <SignatureBlock title="Le Président de séance" name={s.president} place={madeAt(ctx.mds, s.place)} date={s.date} />
          <SignatureBlock title="Le secrétaire de séance" place={madeAt(ctx.mds, s.place)} date={s.date} />
        </View>
      </DocumentPage>,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Decision letters
// ---------------------------------------------------------------------------------------------------------

const sanctionColumns: Column<SanctionLine>[] = [
  { header: 'Mois', width: '16%', cell: (r) => formatDate(r.month, 'month') },
  { header: 'Étape', width: '30%', cell: (r) => r.label },
  { header: 'Montant forfaitaire', width: '18%', cell: (r) => amountFr(r.montantForfaitaire), align: 'right' },
  { header: 'Réduction', width: '18%', cell: (r) => (r.totalSuspension ? 'Suspension totale' : amountFr(r.reduction)), align: 'right' },
  { header: 'Montant versé', width: '18%', cell: (r) => amountFr(r.amountPaid), align: 'right' },
];

/** Why the schedule ends where it does. */
function stopText(s: EpSanction): string {
  switch (s.stoppedBy) {
    case 'signature':
      return 'La réduction prend fin à la signature du contrat.';
    case 'fin_manquement':
      return 'La réduction prend fin avec le manquement.';
    case 'radiation':
      return s.radiation ? `Sans régularisation, la radiation du RSA interviendra le ${formatDate(s.radiation, 'long')}.` : 'Sans régularisation, la radiation du RSA interviendra.';
    default:
      return 'Échéancier établi sur les mois à venir : la réduction cesse dès la régularisation de votre situation (signature du contrat ou fin du manquement).';
  }
}

function DecisionEffect({ decision, toBeneficiary }: { decision: EpDecision; toBeneficiary: boolean }) {
  if (decision.effect === 'ouvrir_orientation' && decision.orientation) {
    return (
      <Section title="Effet de la décision : nouvelle orientation">
        <FieldGrid>
          <Field label="Orientation" agreement="f" value={ORIENTATION_LABELS[decision.orientation]} width="50%" />
          <Field label="À compter du" value={formatDate(decision.date, 'long')} width="50%" />
          <Field label="Organisme référent" value={decision.organismeName ?? '—'} width="50%" />
          <Field label="Correspondant" value={decision.correspondantName ?? '—'} width="50%" />
          {decision.contractDeadline ? (
            <Field label={`Contrat (${decision.contractDeadline.kind}) à signer au plus tard le`} value={formatDate(decision.contractDeadline.deadline, 'long')} />
          ) : null}
        </FieldGrid>
        {decision.contractDeadline ? (
          <Paragraph>
            {toBeneficiary
              ? `Votre nouveau référent prendra contact avec vous : votre contrat (${decision.contractDeadline.kind}) doit être signé au plus tard le ${formatDate(decision.contractDeadline.deadline, 'long')}.`
              : `Le contrat (${decision.contractDeadline.kind}) doit être conclu avec le bénéficiaire au plus tard le ${formatDate(decision.contractDeadline.deadline, 'long')}.`}
          </Paragraph>
        ) : null}
      </Section>
    );
  }
  if (decision.effect === 'demarrer_sanction' && decision.sanction) {
    const s = decision.sanction;
    return (
      <Section title="Effet de la décision : réduction du RSA">
        <Paragraph>
          Sanction : {s.kindLabel}, à compter du {formatDate(s.start, 'long')}. Échéancier mois par mois (montants en euros) :
        </Paragraph>
        <Table columns={sanctionColumns} rows={s.lines} empty="Aucune échéance." />
        <Paragraph small>{stopText(s)}</Paragraph>
      </Section>
    );
  }
  return (
    <Section title="Effet de la décision">
      <Paragraph>{toBeneficiary ? 'Votre situation reste inchangée.' : 'La situation du bénéficiaire reste inchangée.'}</Paragraph>
    </Section>
  );
}

export interface DecisionLetterInput {
  letter: EpDecisionLetter;
  decision: EpDecision;
  /** The letter to the référent: their name (null when the dossier has none). */
  referent: string | null;
  territory: string;
}

/** The letter of the Président's decision, to the beneficiary or to the référent. */
export function decisionLetterPages(input: DecisionLetterInput, to: 'beneficiaire' | 'referent', ctx: DocumentContext): RenderedPages {
  const { letter, decision } = input;
  const toBeneficiary = to === 'beneficiaire';
  const place = madeAt(ctx.mds, ctx.mds.territory ?? input.territory);
  const addressee = toBeneficiary ? [`${letter.civilite} ${letter.name}`, ...letter.address] : [input.referent ?? 'Référent du dossier', 'Référent RSA', ctx.mds.name];
  const title = `Décision du Président – ${letter.name}`;
  return {
    meta: { title, subject: toBeneficiary ? 'Décision – bénéficiaire' : 'Décision – référent', author: `Conseil départemental – ${ctx.mds.name}`, date: letter.date },
    fileName: safeFileName(`Décision EP ${letter.name} ${letter.date} ${toBeneficiary ? 'bénéficiaire' : 'référent'}.pdf`),
    copies: 1,
    pages: [
      <DocumentPage key="decision" reference={`Décision du ${formatDate(letter.date)} – ${letter.name}`} footerNote={FOOTER_LETTER}>
        <Letterhead mds={ctx.mds} />
        <Addressee lines={addressee} />
        <LetterHeading place={place} date={ctx.letterDate ?? letter.date} objet={toBeneficiary ? letter.objet : `${letter.objet} concernant ${letter.civilite} ${letter.name}`} />
        <Paragraph>{toBeneficiary ? `${letter.civilite},` : 'Madame, Monsieur,'}</Paragraph>
        <Paragraph>
          {toBeneficiary
            ? `Votre situation a été examinée par l’équipe pluridisciplinaire, qui a rendu le ${formatDate(letter.avis.date, 'long')} un avis ${sensFr(letter.avis.sens)}.`
            : `La situation de ${letter.civilite} ${letter.name}, dont vous êtes le référent, a été examinée par l’équipe pluridisciplinaire, qui a rendu le ${formatDate(letter.avis.date, 'long')} un avis ${sensFr(letter.avis.sens)}.`}
        </Paragraph>
        <FieldGrid>
          <Field label="Avis de l’équipe pluridisciplinaire" value={`${sensFr(letter.avis.sens)} – ${letter.avis.motivation}`} />
          <Field label="Décision du Président" agreement="f" value={`Décision ${sensFr(letter.decision.sens)} du ${formatDate(letter.decision.date, 'long')}`} />
          {letter.decision.commentaire ? <Field label="Motifs" agreement="mp" value={letter.decision.commentaire} /> : null}
        </FieldGrid>
        <DecisionEffect decision={decision} toBeneficiary={toBeneficiary} />
        {toBeneficiary ? (
          <Paragraph small>
            Voies de recours : cette décision peut faire l’objet d’un recours administratif préalable auprès du Président du Conseil départemental dans un délai de deux mois à
            compter de sa notification, puis d’un recours devant le tribunal administratif.
          </Paragraph>
        ) : (
          <Paragraph>Je vous remercie d’en informer le bénéficiaire lors de votre prochain rendez-vous et d’en tenir compte dans son accompagnement.</Paragraph>
        )}
        <Paragraph>{toBeneficiary ? `Je vous prie d’agréer, ${letter.civilite}, l’expression de mes salutations distinguées.` : 'Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.'}</Paragraph>
        <View style={{ marginLeft: '52%', marginTop: 8 }}>
          <SignatureBlock title="Le Président du Conseil départemental" name={letter.signatoryName} role={letter.signature} place={place} date={ctx.letterDate ?? letter.date} width="100%" />
        </View>
      </DocumentPage>,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cancellation of a session
// ---------------------------------------------------------------------------------------------------------

type CancelAddressee = { key: string; lines: string[]; greeting: string; body: string; name: string };

function cancellationAddressees(data: EpCancellation): CancelAddressee[] {
  const s = data.session;
  const when = `du ${formatDate(s.date, 'long')}`;
  return [
    ...data.members.map((m) => ({
      key: `member-${m.memberId}`,
      name: m.name,
      lines: [m.name, `${m.function} – ${m.organisationLabel}`, ...(m.address ? [m.address] : [])],
      greeting: 'Madame, Monsieur,',
      body: `Vous aviez été convoqué(e) à la séance de l’${s.epName} (territoire ${s.territory}) ${when} à ${timeFr(s.startTime)}, ${s.place}. J’ai le regret de vous informer que cette séance est annulée : aucun dossier ne reste inscrit à son ordre du jour.`,
    })),
    ...data.beneficiaries.map((b) => ({
      key: `beneficiary-${b.itemId}`,
      name: b.name,
      lines: [`${b.civilite} ${b.name}`, ...b.address],
      greeting: `${b.civilite},`,
      body: `Vous aviez été informé(e) que votre situation serait examinée par l’${s.epName} lors de sa séance ${when}${b.time ? ` à ${timeFr(b.time)}` : ''}, ${s.place}. Cette séance est annulée : vous n’avez pas à vous y présenter. ${
        b.status === 'reporte'
          ? 'L’examen de votre situation est reporté à une prochaine séance : vous recevrez un nouveau courrier vous en indiquant la date.'
          : 'Votre dossier a été retiré de l’ordre du jour : vous serez informé(e) de la suite qui y sera donnée.'
      }`,
    })),
  ];
}

/** « Annulation de la séance du … »: one letter per member convened and per beneficiary informed, each numbered on its own. */
export function cancellationPages(data: EpCancellation, ctx: DocumentContext): RenderedPages {
  const s = data.session;
  const objet = `Annulation de la séance de l’équipe pluridisciplinaire du ${formatDate(s.date, 'long')}`;
  const place = madeAt(ctx.mds, ctx.mds.territory ?? s.territory);
  return {
    meta: { title: `Annulation de la séance du ${formatDate(s.date)}`, subject: 'Annulation de séance', author: `Conseil départemental – ${ctx.mds.name}`, date: data.cancelledOn },
    fileName: safeFileName(`Annulation séance EP ${s.territory} ${s.date}.pdf`),
    copies: 1,
    pages: cancellationAddressees(data).map((a) => (
      <DocumentPage key={a.key} reference={`${s.epName} – annulation de la séance du ${formatDate(s.date)} – ${a.name}`} footerNote={FOOTER_LETTER}>
        <Letterhead mds={ctx.mds} />
        <Addressee lines={a.lines} />
        <LetterHeading place={place} date={ctx.letterDate ?? data.cancelledOn} objet={objet} />
        <Paragraph>{a.greeting}</Paragraph>
        <Paragraph>{a.body}</Paragraph>
        <FieldGrid>
          <Field label="Séance annulée" agreement="f" value={`${formatDate(s.date, 'long')} à ${timeFr(s.startTime)}, ${s.place}`} />
          <Field label="Motif de l’annulation" value={data.reason} />
        </FieldGrid>
        <Paragraph>Je vous prie de bien vouloir nous excuser de ce contretemps et d’agréer l’expression de mes salutations distinguées.</Paragraph>
        <View style={{ marginLeft: '52%', marginTop: 8 }}>
          <SignatureBlock title="Le secrétariat de l’équipe pluridisciplinaire" role={s.epName} place={place} width="100%" />
        </View>
      </DocumentPage>
    )),
  };
}

/** Renders letters: each element of `pages` is numbered on its own (one letter, one « page x / n »). */
export function renderLetters(doc: RenderedPages): Promise<Buffer> {
  return renderPdf(doc.meta, doc.pages, { copies: doc.copies, numbering: 'section' });
}
