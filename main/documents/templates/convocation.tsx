/** @jsxRuntime automatic */
/**
 * Convocation of a beneficiary to a rendez-vous with their référent: the letterhead of the MDS, the addressee, the
 * date and place the letter is made, the object; the date, time and place of the rendez-vous; the reminder of the
 * devoirs liés à l’accompagnement quoted from the handbook (« Obligation de répondre aux convocations de leur
 * référent désigné par le Département ») and what follows an absence without excuse (a demande de suspension sent
 * with the convocation letters, examined by the équipe pluridisciplinaire). The letter is dated on the day it is
 * printed (`letterDate`); archived, it is reprinted identically.
 */
import { View } from '@react-pdf/renderer';
import type { EtatCivil } from '../../../shared/api/contracts';
import { formatDate, personName } from '../../../shared/domain/format';
import { Addressee, LetterHeading, timeFr } from '../ep/letters';
import type { DocumentContext, RenderedPages } from '../model';
import { addressLines, DocumentPage, Field, FieldGrid, Letterhead, madeAt, Paragraph, Section, SignatureBlock } from '../pieces';

export interface ConvocationData {
  appointment: { id: number; date: string; time: string; place: string; object: string };
  etatCivil: EtatCivil;
  /** The référent who holds the rendez-vous (and signs the letter). */
  referent: { displayName: string; structure: string } | null;
  /** The day the letter is made. */
  letterDate: string;
}

/** The handbook's words (« Droits et devoirs du bénéficiaire du RSA – Les devoirs liés à l’accompagnement »). */
export const CONVOCATION_DUTY = 'Obligation de répondre aux convocations de leur référent désigné par le Département';

const civiliteOf = (sexe: 'F' | 'M') => (sexe === 'F' ? 'Madame' : 'Monsieur');

function ConvocationLetter({ data, ctx }: { data: ConvocationData; ctx: DocumentContext }) {
  const { appointment: a, etatCivil, referent } = data;
  const civilite = civiliteOf(etatCivil.sexe);
  const place = madeAt(ctx.mds, ctx.mds.territory ?? '');
  const withWhom = referent ? `${referent.displayName} (${referent.structure})` : 'votre référent';
  return (
    <>
      <Letterhead mds={ctx.mds} />
      <Addressee lines={[`${civilite} ${personName(etatCivil)}`, ...addressLines(etatCivil.address)]} />
      <LetterHeading place={place} date={data.letterDate} objet="Convocation à un rendez-vous avec votre référent – revenu de solidarité active" />
      <Paragraph>{civilite},</Paragraph>
      <Paragraph>
        Dans le cadre de votre accompagnement au titre du revenu de solidarité active, je vous prie de vous présenter au rendez-vous fixé avec {withWhom} le{' '}
        {formatDate(a.date, 'long')} à {timeFr(a.time)}, au lieu suivant : {a.place}.
      </Paragraph>
      <FieldGrid>
        <Field label="Date" agreement="f" value={formatDate(a.date, 'long')} width="33%" />
        <Field label="Heure" agreement="f" value={timeFr(a.time)} width="33%" />
        <Field label="Lieu" value={a.place} width="34%" />
        <Field label="Objet du rendez-vous" value={a.object} />
        <Field label="Votre référent" value={referent ? `${referent.displayName} – ${referent.structure}` : null} />
      </FieldGrid>
      <Section title="Vos devoirs">
        <Paragraph>
          Les droits et devoirs du bénéficiaire du RSA prévoient, au titre des devoirs liés à l’accompagnement : « {CONVOCATION_DUTY} ». Vous êtes donc tenu(e) de
          vous présenter à ce rendez-vous.
        </Paragraph>
      </Section>
      <Section title="Si vous ne pouvez pas venir">
        <Paragraph>
          Prévenez votre référent avant le rendez-vous en indiquant le motif de votre absence : un autre rendez-vous vous sera proposé. Une absence justifiée est
          enregistrée comme excusée.
        </Paragraph>
        <Paragraph>
          Une absence sans motif est un manquement à vos devoirs. Votre référent peut alors demander au Président du Conseil départemental la suspension de votre
          allocation, en transmettant les courriers de convocation restés sans réponse. Votre situation est examinée par l’équipe pluridisciplinaire, devant
          laquelle vous pouvez présenter vos observations ; le montant de votre RSA peut ensuite être réduit puis suspendu.
        </Paragraph>
      </Section>
      <Paragraph>Je vous prie d’agréer, {civilite}, l’expression de mes salutations distinguées.</Paragraph>
      <View style={{ marginLeft: '52%', marginTop: 8 }}>
        <SignatureBlock title="Le référent" name={referent?.displayName} role={referent?.structure} place={place} date={data.letterDate} width="100%" />
      </View>
    </>
  );
}

/** The convocation letter of one rendez-vous. */
export function convocationPages(data: ConvocationData, ctx: DocumentContext): RenderedPages {
  const name = personName(data.etatCivil);
  const day = formatDate(data.appointment.date);
  return {
    meta: {
      title: `Convocation au rendez-vous du ${day} – ${name}`,
      subject: 'Convocation à un rendez-vous avec le référent',
      author: `Conseil départemental – ${ctx.mds.name}`,
      date: data.letterDate,
    },
    fileName: `Convocation ${data.etatCivil.nomPatronymique} ${data.appointment.date}.pdf`,
    copies: 1,
    pages: [
      <DocumentPage key="convocation" reference={`Convocation au rendez-vous du ${day} – ${name} – N° CAF ${data.etatCivil.cafNumber}`} footerNote="Conseil départemental – Revenu de solidarité active">
        <ConvocationLetter data={data} ctx={ctx} />
      </DocumentPage>,
    ],
  };
}
