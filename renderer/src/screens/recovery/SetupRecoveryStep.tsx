import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { RecoveryIssued } from '../../../../shared/api/recovery';
import { useDocumentTitle } from '../../kit/Page';
import { RecoveryKeyPanel, type SheetMds } from './RecoveryKeyPanel';

/** Right after setup: the recovery key, shown once, before the first login. */
export function SetupRecoveryStep({ issued, mds, onDone }: { issued: RecoveryIssued; mds: SheetMds; onDone: () => void }) {
  useDocumentTitle('Clé de secours');
  return (
    <Box component="main" sx={{ maxWidth: 760, mx: 'auto', p: { xs: 2, md: 4 } }}>
      <Typography variant="h1" gutterBottom>
        Clé de secours
      </Typography>
      <Typography sx={{ mb: 3 }}>
        La MDS et le compte administrateur sont créés. Voici la clé de secours de cette installation : avec elle, un administrateur reconstruit le fichier des
        clés s’il est perdu, ou choisit un nouveau mot de passe s’il a oublié le sien.
      </Typography>
      <RecoveryKeyPanel issued={issued} mds={mds} doneLabel="Continuer vers la connexion" onDone={onDone} />
    </Box>
  );
}
