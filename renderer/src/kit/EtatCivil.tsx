import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { SEXES, SITUATIONS_FAMILIALES } from '../../../shared/api/dossier';
import type { EtatCivil } from '../../../shared/api/contracts';
import { DIPLOMA_LEVELS } from '../../../shared/domain/referentials/diplomas';
import { paths } from './paths';
import { Term } from './Term';
import { formatDate, personName } from '../../../shared/domain/format';

/** Partie état civil (from the dossier, read-only), with a link to edit the dossier when allowed. */
export function EtatCivilList({ etatCivil, personId, editable }: { etatCivil: EtatCivil; personId: number; editable?: boolean }) {
  const e = etatCivil;
  const address = [e.address.line1, e.address.line2, `${e.address.postalCode} ${e.address.city}`].filter(Boolean).join(', ');
  const situation = (SITUATIONS_FAMILIALES as Record<string, string>)[e.situationFamiliale] ?? e.situationFamiliale;
  const diploma = DIPLOMA_LEVELS.find((l) => l.code === e.niveauFormation)?.label;
  return (
    <Box>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}
      >
        <Term term="Nom et prénoms" value={personName(e)} />
        <Term term="Sexe" value={SEXES[e.sexe]} />
        <Term term="Date de naissance" value={formatDate(e.dateNaissance)} />
        <Term term="N° allocataire CAF" value={e.cafNumber} />
        <Term term="RSA depuis le" value={e.rsaDepuis ? formatDate(e.rsaDepuis) : 'Non renseigné'} />
        <Term term="N° France Travail (ex-Pôle Emploi)" value={e.peNumber ?? 'Non inscrit(e)'} />
        <Term term="Adresse" value={address} />
        <Term term="Situation familiale" value={situation} />
        <Term term="Téléphone" value={[e.telephone, e.portable].filter(Boolean).join(' / ') || 'Non renseigné'} />
        <Term term="Adresse e-mail" value={e.email ?? 'Non renseignée'} />
        <Term term="Niveau de formation" value={diploma ?? 'Non renseigné'} />
      </Box>
      {editable ? (
        <Typography sx={{ mt: 1.5 }}>
          Ces informations viennent du dossier.{' '}
          <Link component={RouterLink} to={paths.editDossier(personId)}>
            Modifier le dossier
          </Link>
        </Typography>
      ) : null}
    </Box>
  );
}
