/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import { upper } from '../format';
import { styles } from '../styles';
import { Field, FieldGrid } from './Field';
import { formatDate } from '../../../shared/domain/format';

/** The beneficiary as the documents print them (from the dossier). */
export interface BeneficiaryIdentity {
  nomPatronymique: string;
  nomUsage?: string | null | undefined;
  prenoms: string;
  sexe?: 'F' | 'M' | null | undefined;
  dateNaissance: string;
  cafNumber: string;
  peNumber?: string | null | undefined;
  address: { line1: string; line2?: string | null | undefined; postalCode: string; city: string };
  telephone?: string | null | undefined;
  portable?: string | null | undefined;
  email?: string | null | undefined;
  situationFamiliale?: string | null | undefined;
  rsaDepuis?: string | null | undefined;
  niveauFormation?: string | null | undefined;
}

export const addressLines = (a: BeneficiaryIdentity['address']): string[] =>
  [a.line1, a.line2 ?? '', `${a.postalCode} ${a.city}`].map((l) => l.trim()).filter(Boolean);

/** « Bénéficiaire du RSA »: nom, prénoms, date de naissance, N° CAF, N° France Travail, adresse (+ contact). */
export function IdentityBlock({
  person,
  title = 'Bénéficiaire du RSA',
  withContact = false,
}: {
  person: BeneficiaryIdentity;
  title?: string;
  withContact?: boolean;
}) {
  return (
    <View style={[styles.box, { marginBottom: 6 }]} wrap={false}>
      <Text style={[styles.bold, { marginBottom: 3 }]}>{upper(title)}</Text>
      <FieldGrid>
        <Field label="Nom patronymique" value={person.nomPatronymique} width="50%" />
        <Field label="Nom d’usage" value={person.nomUsage} width="50%" />
        <Field label="Prénom(s)" value={person.prenoms} width="50%" />
        <Field label="Date de naissance" agreement="f" value={formatDate(person.dateNaissance)} width="50%" />
        <Field label="N° allocataire CAF" value={person.cafNumber} width="50%" />
        <Field label="N° France Travail (ex-Pôle Emploi)" value={person.peNumber} width="50%" />
        <Field label="Adresse" agreement="f" value={addressLines(person.address).join(', ')} />
        {withContact ? (
          <>
            <Field label="Situation familiale" agreement="f" value={person.situationFamiliale} width="50%" />
            <Field label="RSA depuis le" value={formatDate(person.rsaDepuis)} width="50%" />
            <Field label="N° téléphone" value={person.telephone} width="50%" />
            <Field label="N° portable" value={person.portable} width="50%" />
            <Field label="E-mail" value={person.email} width="50%" />
            <Field label="Niveau de formation" value={person.niveauFormation} width="50%" />
          </>
        ) : null}
      </FieldGrid>
    </View>
  );
}
