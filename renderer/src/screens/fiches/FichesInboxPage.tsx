import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import type { FicheSummary } from '../../../../shared/api/fiches';
import { useApiQuery } from '../../api/ApiContext';
import { ExportButton } from '../../kit/ExportButton';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import type { DossierSectionProps } from '../../kit/dossierSections';
import { FICHE_STATE_COLORS } from './FichePage';
import { AWAITING_PRESIDENT } from './PresidentPart';
import { fichePaths } from '../../kit/paths';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { formatDate, plural } from '../../../../shared/domain/format';

/** Route `/fiches-de-liaison`: the correspondent's inbox; for référents, where their fiches are. */
export function FichesInboxPage() {
  const isSlai = useCan('fiches.inbox');
  return (
    <Page title="Fiches de liaison" actions={<ExportButton request={{ list: 'fiches', params: {} }} />}>
      {isSlai ? (
        <Inbox />
      ) : (
        <Typography>
          Vos fiches de liaison et les réponses du correspondant se trouvent dans le dossier de chaque bénéficiaire (section « Fiches de liaison »), d’où
          vous rédigez aussi les nouvelles.{' '}
          <Link component={RouterLink} to="/beneficiaires">
            Rechercher un bénéficiaire
          </Link>
        </Typography>
      )}
    </Page>
  );
}

function Inbox() {
  const q = useApiQuery('fiches.inbox', {});
  return (
    <Box component="section" aria-labelledby="inbox-title">
      <Typography variant="h2" id="inbox-title" sx={{ mb: 0.5 }}>
        Fiches à traiter
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Les plus anciennes en premier. Chaque fiche demande une réponse au référent avant d’être close.
      </Typography>
      {q.error ? (
        <Alert severity="error" role="alert" action={<Button color="inherit" onClick={q.reload}>Réessayer</Button>}>
          {q.error.message}
        </Alert>
      ) : !q.data ? (
        <Typography role="status">Chargement des fiches…</Typography>
      ) : q.data.length === 0 ? (
        <Typography role="status">Aucune fiche n’attend de traitement.</Typography>
      ) : (
        <>
          <Typography role="status" sx={{ mb: 1 }}>
            {plural(q.data.length, 'fiche à traiter', 'fiches à traiter')}
            {waitingPresident(q.data) > 0 ? `, dont ${waitingPresident(q.data)} en attente de la décision du Président` : ''}
          </Typography>
          <FichesTable rows={q.data} caption="Fiches de liaison à traiter" showBeneficiary />
        </>
      )}
    </Box>
  );
}

const waitingPresident = (rows: readonly FicheSummary[]) => rows.filter((f) => f.awaitingPresident).length;

export function FichesTable({ rows, caption, showBeneficiary }: { rows: readonly FicheSummary[]; caption: string; showBeneficiary?: boolean }) {
  return (
    <ScrollRegion aria-label={caption}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">Envoyée le</TableCell>
            {showBeneficiary ? <TableCell scope="col">Bénéficiaire</TableCell> : null}
            <TableCell scope="col">Objet</TableCell>
            {showBeneficiary ? <TableCell scope="col">Référent</TableCell> : null}
            <TableCell scope="col">État</TableCell>
            <TableCell scope="col">Reste à faire</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((f) => (
            <TableRow key={f.id}>
              <TableCell>{f.sentOn ? formatDate(f.sentOn) : `Brouillon du ${formatDate(f.date)}`}</TableCell>
              {showBeneficiary ? <TableCell>{f.beneficiaire}</TableCell> : null}
              <TableCell>
                <Link component={RouterLink} to={fichePaths.fiche(f.id)}>
                  {showBeneficiary ? `${f.typeLabel} — ${f.beneficiaire}` : f.typeLabel}
                </Link>
              </TableCell>
              {showBeneficiary ? <TableCell>{f.referent ?? '—'}</TableCell> : null}
              <TableCell>
                <Chip size="small" color={FICHE_STATE_COLORS[f.status]} label={f.statusLabel} />
                {f.awaitingPresident ? <Chip size="small" color="warning" variant="outlined" label={AWAITING_PRESIDENT} sx={{ mt: 0.5 }} /> : null}
              </TableCell>
              <TableCell>
                {f.missing.length === 0 ? (
                  'Rien'
                ) : (
                  <Stack spacing={0.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
                    {f.missing.map((m) => (
                      <Box component="li" key={m} sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start', fontWeight: 700 }}>
                        <ErrorOutlineIcon fontSize="small" color="warning" aria-hidden />
                        <span>{`À faire : ${m}`}</span>
                      </Box>
                    ))}
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

/** Dossier section « Fiches de liaison »: the fiches of the person (with the answers) and « Nouvelle fiche de liaison ». */
export function FichesSection({ personId }: DossierSectionProps) {
  const q = useApiQuery('fiches.listForDossier', { personId });
  const canCreate = useCan('fiches.create');
  return (
    <Box>
      {q.error ? (
        <Alert severity="error" role="alert">
          {q.error.message}
        </Alert>
      ) : !q.data ? (
        <Typography role="status">Chargement des fiches…</Typography>
      ) : q.data.length === 0 ? (
        <Typography color="text.secondary">Aucune fiche de liaison n’est encore enregistrée.</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Fiches de liaison du bénéficiaire">
          {[...q.data].reverse().map((f) => (
            <Box component="li" key={f.id} sx={{ mb: 0.75 }}>
              <Link component={RouterLink} to={fichePaths.fiche(f.id)}>
                {`${f.typeLabel} du ${formatDate(f.date)} — ${f.statusLabel}`}
              </Link>
              {f.awaitingPresident ? (
                <Typography variant="body2" color="text.secondary">
                  {AWAITING_PRESIDENT}
                </Typography>
              ) : null}
              {f.status === 'brouillon' && f.missing.length > 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {`Avant l’envoi : ${plural(f.missing.length, 'élément manquant', 'éléments manquants')}`}
                </Typography>
              ) : null}
            </Box>
          ))}
        </Box>
      )}
      {canCreate ? (
        <Button variant="outlined" startIcon={<AddIcon />} component={RouterLink} to={fichePaths.newFiche(personId)} sx={{ mt: 1.5 }}>
          Nouvelle fiche de liaison
        </Button>
      ) : null}
    </Box>
  );
}
