import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import type { ContractSummary } from '../../../../shared/api/contracts';
import { useApiQuery } from '../../api/ApiContext';
import { ExportButton } from '../../kit/ExportButton';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import type { DossierSectionProps } from '../../kit/dossierSections';
import { contractPaths } from '../../kit/paths';
import { formatDate } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

/** Dossier section « Contrats (CER) »: the contracts of the person and « Nouveau CERS / CERP ». */
export function ContractsSection({ personId }: DossierSectionProps) {
  const list = useApiQuery('contracts.listForDossier', { personId });
  const canCreate = useCan('contracts.create');
  const prefill = useApiQuery('contracts.prefill', { personId }, { enabled: canCreate });
  const p = prefill.data;
  return (
    <Box>
      {list.error ? (
        <Alert severity="error" role="alert" action={<Button color="inherit" onClick={list.reload}>Réessayer</Button>}>
          {list.error.message}
        </Alert>
      ) : !list.data ? (
        <Typography role="status">Chargement des contrats…</Typography>
      ) : list.data.length === 0 ? (
        <Typography color="text.secondary">Aucun contrat d’engagements réciproques n’est encore enregistré.</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Contrats du bénéficiaire">
          {[...list.data].reverse().map((c) => (
            <Box component="li" key={c.id} sx={{ mb: 0.75 }}>
              <Link component={RouterLink} to={contractPaths.contract(c.id)}>
                {contractLinkText(c)}
              </Link>
            </Box>
          ))}
        </Box>
      )}
      {canCreate && p ? (
        p.type && p.blockers.length === 0 ? (
          <Stack direction="row" sx={{ mt: 1.5 }}>
            <Button variant="outlined" startIcon={<AddIcon />} component={RouterLink} to={contractPaths.newContract(personId)}>
              {`Nouveau ${p.type}`}
            </Button>
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
            {p.blockers[0] ?? 'Aucun contrat ne correspond à l’orientation en vigueur.'}
          </Typography>
        )
      ) : null}
    </Box>
  );
}

export const contractLinkText = (c: Pick<ContractSummary, 'type' | 'start' | 'end' | 'statusLabel'>) =>
  `${c.type} du ${formatDate(c.start)} au ${formatDate(c.end)} — ${c.statusLabel}`;

/** Route `/contrats`: the SLAI's contracts awaiting the Président's decision; for référents, where contracts live. */
export function ContractsHomePage() {
  const isSlai = useCan('contracts.awaitingDecision');
  return (
    <Page title="Contrats d’engagements réciproques" actions={<ExportButton request={{ list: 'contrats', params: {} }} />}>
      {isSlai ? <AwaitingDecision /> : null}
      <Typography sx={{ mt: isSlai ? 3 : 0 }}>
        Les contrats s’établissent depuis le dossier du bénéficiaire, une fois la décision d’orientation prise (section « Contrats (CER) »).{' '}
        <Link component={RouterLink} to="/beneficiaires">
          Rechercher un bénéficiaire
        </Link>
      </Typography>
    </Page>
  );
}

function AwaitingDecision() {
  const q = useApiQuery('contracts.awaitingDecision', {});
  return (
    <Box component="section" aria-labelledby="awaiting-title">
      <Typography variant="h2" id="awaiting-title" sx={{ mb: 1.5 }}>
        Contrats transmis au SLAI en attente de décision
      </Typography>
      {q.error ? (
        <Alert severity="error" role="alert">
          {q.error.message}
        </Alert>
      ) : !q.data ? (
        <Typography role="status">Chargement…</Typography>
      ) : q.data.length === 0 ? (
        <Typography>Aucun contrat n’attend de décision.</Typography>
      ) : (
        <ScrollTable label="Contrats en attente de décision" tableLabelledBy="awaiting-title" size="small">
          <TableHead>
            <TableRow>
              <TableCell scope="col">Transmis le</TableCell>
              <TableCell scope="col">Bénéficiaire</TableCell>
              <TableCell scope="col">Contrat</TableCell>
              <TableCell scope="col">Référent</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {q.data.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.transmittedOn ? formatDate(c.transmittedOn) : '—'}</TableCell>
                <TableCell>
                  <Link component={RouterLink} to={contractPaths.contract(c.id)}>
                    {c.beneficiaire}
                  </Link>
                </TableCell>
                <TableCell>{`${c.type} du ${formatDate(c.start)} au ${formatDate(c.end)}`}</TableCell>
                <TableCell>{c.referent || '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      )}
    </Box>
  );
}
