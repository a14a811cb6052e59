import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
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
import { DspComparison } from './DspComparison';
import { ScrollRegion } from '../../../kit/ScrollRegion';
import { formatDateTime } from '../../../../../shared/domain/format';

/** Route element: `#/beneficiaires/:personId/dsp` (history; `?de=&a=` compares two revisions). */
export function DspHistoryPage() {
  return (
    <PersonScreen title="Historique de la DSP" crumb="DSP">
      {({ personId, name }) => <DspHistory personId={personId} name={name} />}
    </PersonScreen>
  );
}

const positiveId = (v: string | null): number | undefined => {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};

function DspHistory({ personId, name }: { personId: number; name: string }) {
  const history = useApiQuery('dsp.history', { personId });
  const canWrite = useCan('dsp.save');
  const [params, setParams] = useSearchParams();
  const from = positiveId(params.get('de'));
  const to = positiveId(params.get('a'));
  const revisions = history.data ?? [];

  return (
    <Page
      title={`Historique de la DSP de ${name}`}
      actions={
        canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to={interviewPaths.dspNew(personId)}>
            {revisions.length > 0 ? 'Mettre à jour la DSP' : 'Saisir la DSP'}
          </Button>
        ) : null
      }
    >
      {history.error ? <LoadError error={history.error} onRetry={history.reload} /> : null}
      {history.loading && !history.data ? <Loading>Chargement de l’historique…</Loading> : null}
      {history.data && revisions.length === 0 ? (
        <Typography>Aucune DSP n’est encore enregistrée pour ce bénéficiaire.</Typography>
      ) : null}
      {revisions.length > 0 ? (
        <Box component="section" aria-labelledby="dsp-versions-title" sx={{ mb: 4 }}>
          <Typography variant="h2" id="dsp-versions-title" sx={{ mb: 1.5 }}>
            Versions enregistrées
          </Typography>
          <ScrollRegion variant="outlined" aria-label="Versions de la DSP">
            <Table aria-label="Versions de la DSP" size="small">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Version</TableCell>
                  <TableCell scope="col">Enregistrée le</TableCell>
                  <TableCell scope="col">Par</TableCell>
                  <TableCell scope="col">Champs modifiés</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {revisions.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell component="th" scope="row">
                      Version {r.number}
                    </TableCell>
                    <TableCell>{formatDateTime(r.createdAt)}</TableCell>
                    <TableCell>{r.createdBy.displayName}</TableCell>
                    <TableCell>{r.number === 1 ? `${r.changedCount} réponses (première saisie)` : r.changedCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        </Box>
      ) : null}
      {revisions.length > 0 ? (
        <Box component="section" aria-labelledby="dsp-compare-title">
          <Typography variant="h2" id="dsp-compare-title" sx={{ mb: 1.5 }}>
            Comparer deux versions
          </Typography>
          {revisions.length < 2 ? (
            <Typography>Une seule version est enregistrée : la comparaison sera possible après la prochaine mise à jour.</Typography>
          ) : (
            <ComparePicker
              label="Choix des versions à comparer"
              fromLabel="Version de départ"
              toLabel="Version d’arrivée"
              options={revisions.map((r) => ({ id: r.id, label: `Version ${r.number} du ${formatDateTime(r.createdAt)}` }))}
              from={from ?? revisions[1]?.id}
              to={to ?? revisions[0]?.id}
              onCompare={(a, b) => setParams({ de: String(a), a: String(b) })}
            />
          )}
          {from !== undefined && to !== undefined ? <DspComparisonLoader from={from} to={to} /> : null}
        </Box>
      ) : null}
    </Page>
  );
}

function DspComparisonLoader({ from, to }: { from: number; to: number }) {
  const a = useApiQuery('dsp.get', { revisionId: from });
  const b = useApiQuery('dsp.get', { revisionId: to });
  const compare = useApiQuery('dsp.compare', { fromRevisionId: from, toRevisionId: to });
  const error = a.error ?? b.error ?? compare.error;
  if (error) return <LoadError error={error} />;
  if (!a.data || !b.data || !compare.data) return <Loading>Comparaison en cours…</Loading>;
  if (a.data.id !== from || b.data.id !== to || compare.data.from.id !== from || compare.data.to.id !== to) {
    return <Loading>Comparaison en cours…</Loading>;
  }
  if (from === to) return <Alert severity="info">Choisissez deux versions différentes.</Alert>;
  return <DspComparison from={a.data} to={b.data} changedPaths={compare.data.changes.map((c) => c.path)} />;
}
