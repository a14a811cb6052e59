import { Link as RouterLink, useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { useApiQuery } from '../../../api/ApiContext';
import { useCan } from '../../../kit/permissions';
import { Page } from '../../../kit/Page';
import { LoadError, Loading } from '../../../kit/status';
import { ComparePicker, PersonScreen } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { pointsText, proposalLabel } from './edeModel';
import { ScrollRegion } from '../../../kit/ScrollRegion';
import { formatDate } from '../../../../../shared/domain/format';

/** Route element: `#/beneficiaires/:personId/ede` — the person's assessments, and the choice of two to compare. */
export function EdeListPage() {
  return (
    <PersonScreen title="Échelles de distance à l’emploi" crumb="EDE">
      {({ personId, name }) => <EdeList personId={personId} name={name} />}
    </PersonScreen>
  );
}

function EdeList({ personId, name }: { personId: number; name: string }) {
  const list = useApiQuery('ede.list', { personId });
  const canWrite = useCan('ede.create');
  const navigate = useNavigate();
  const rows = list.data ?? [];
  return (
    <Page
      title={`Échelles de distance à l’emploi de ${name}`}
      actions={
        canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to={interviewPaths.edeNew(personId)}>
            Nouvelle EDE
          </Button>
        ) : null
      }
    >
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading>Chargement des évaluations…</Loading> : null}
      {list.data && rows.length === 0 ? <Typography>Aucune EDE n’est encore enregistrée pour ce bénéficiaire.</Typography> : null}
      {rows.length > 0 ? (
        <Box component="section" aria-labelledby="ede-list-title" sx={{ mb: 4 }}>
          <Typography variant="h2" id="ede-list-title" sx={{ mb: 1.5 }}>
            Évaluations enregistrées
          </Typography>
          <ScrollRegion variant="outlined" aria-label="Évaluations EDE">
            <Table size="small" aria-label="Évaluations EDE">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Date de l’entretien</TableCell>
                  <TableCell scope="col">Total</TableCell>
                  <TableCell scope="col">Proposition</TableCell>
                  <TableCell scope="col">Saisie par</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell component="th" scope="row">
                      <Link component={RouterLink} to={interviewPaths.edeView(personId, e.id)}>
                        EDE du {formatDate(e.date)}
                      </Link>
                    </TableCell>
                    <TableCell>{pointsText(e.total)}</TableCell>
                    <TableCell>{proposalLabel(e.proposal)}</TableCell>
                    <TableCell>{e.createdBy.displayName}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        </Box>
      ) : null}
      {rows.length > 0 ? (
        <Box component="section" aria-labelledby="ede-evolution-title">
          <Typography variant="h2" id="ede-evolution-title" sx={{ mb: 1.5 }}>
            Évolution entre deux évaluations
          </Typography>
          {rows.length < 2 ? (
            <Typography>Une seule évaluation est enregistrée : l’évolution se mesurera à la prochaine.</Typography>
          ) : (
            <ComparePicker
              label="Choix des évaluations à comparer"
              fromLabel="Évaluation de départ"
              toLabel="Évaluation d’arrivée"
              options={rows.map((e) => ({ id: e.id, label: `EDE du ${formatDate(e.date)} (${pointsText(e.total)})` }))}
              from={rows[1]?.id}
              to={rows[0]?.id}
              onCompare={(a, b) => void navigate(interviewPaths.edeCompare(personId, a, b))}
            />
          )}
        </Box>
      ) : null}
    </Page>
  );
}
