import { useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { z } from 'zod';
import type { EdeAssessment, edeComparisonSchema } from '../../../../../shared/api/interview';
import { EDE_TREND_LABELS } from '../../../../../shared/domain/rules/ede';
import { useApiQuery } from '../../../api/ApiContext';
import { Page } from '../../../kit/Page';
import { LoadError, Loading } from '../../../kit/status';
import { ComparePicker, Facts, PersonScreen } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { EdeCurve } from './EdeCurve';
import { curveItemsFor } from './EdeViewPage';
import { pointsText, proposalLabel, signed } from './edeModel';
import { ScrollRegion } from '../../../kit/ScrollRegion';
import { formatDate } from '../../../../../shared/domain/format';

type Comparison = z.output<typeof edeComparisonSchema>;

/** Route element: `#/beneficiaires/:personId/ede/comparer?de=<id>&a=<id>` — evolution between two assessments. */
export function EdeComparePage() {
  return (
    <PersonScreen title="Évolution de l’EDE" crumb="Évolution de l’EDE">
      {({ personId, name }) => <EdeCompare personId={personId} name={name} />}
    </PersonScreen>
  );
}

const positiveId = (v: string | null): number | undefined => {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};

function EdeCompare({ personId, name }: { personId: number; name: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const list = useApiQuery('ede.list', { personId });
  const rows = list.data ?? [];
  const from = positiveId(params.get('de')) ?? rows[1]?.id;
  const to = positiveId(params.get('a')) ?? rows[0]?.id;
  return (
    <Page title={`Évolution de l’EDE de ${name}`}>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading>Chargement des évaluations…</Loading> : null}
      {list.data && rows.length < 2 ? (
        <Alert severity="info">Il faut au moins deux évaluations pour mesurer une évolution ({rows.length} enregistrée).</Alert>
      ) : null}
      {rows.length >= 2 ? (
        <ComparePicker
          label="Choix des évaluations à comparer"
          fromLabel="Évaluation de départ"
          toLabel="Évaluation d’arrivée"
          options={rows.map((e) => ({ id: e.id, label: `EDE du ${formatDate(e.date)} (${pointsText(e.total)})` }))}
          from={from}
          to={to}
          onCompare={(a, b) => void navigate(interviewPaths.edeCompare(personId, a, b), { replace: true })}
        />
      ) : null}
      {from !== undefined && to !== undefined && from !== to ? <EdeEvolution from={from} to={to} /> : null}
    </Page>
  );
}

function EdeEvolution({ from, to }: { from: number; to: number }) {
  const a = useApiQuery('ede.get', { edeId: from });
  const b = useApiQuery('ede.get', { edeId: to });
  const compare = useApiQuery('ede.compare', { fromEdeId: from, toEdeId: to });
  const grid = useApiQuery('ede.grid', {});
  const error = a.error ?? b.error ?? compare.error;
  if (error) return <LoadError error={error} />;
  if (!a.data || !b.data || !compare.data || a.data.id !== from || b.data.id !== to || compare.data.from.id !== from || compare.data.to.id !== to) {
    return <Loading>Comparaison en cours…</Loading>;
  }
  return <EdeEvolutionView from={a.data} to={b.data} comparison={compare.data.comparison} items={curveItemsFor(grid.data, b.data)} />;
}

export function EdeEvolutionView({
  from,
  to,
  comparison: c,
  items,
}: {
  from: EdeAssessment;
  to: EdeAssessment;
  comparison: Comparison;
  items: ReturnType<typeof curveItemsFor>;
}) {
  const labelA = `EDE du ${formatDate(from.date)}`;
  const labelB = `EDE du ${formatDate(to.date)}`;
  return (
    <Stack spacing={3}>
      <Paper variant="outlined" component="section" aria-labelledby="ede-evolution-summary" sx={{ p: { xs: 2, md: 3 } }}>
        <Typography variant="h2" id="ede-evolution-summary" sx={{ mb: 1.5 }}>
          Évolution du {formatDate(from.date)} au {formatDate(to.date)}
        </Typography>
        <Facts
          rows={[
            ['Total', `${pointsText(c.totalBefore)} → ${pointsText(c.totalAfter)} (écart ${signed(c.totalDelta)})`],
            ['Tendance', EDE_TREND_LABELS[c.trend]],
            ['Proposition', c.proposalBefore === c.proposalAfter ? `${proposalLabel(c.proposalAfter)} (inchangée)` : `${proposalLabel(c.proposalBefore)} → ${proposalLabel(c.proposalAfter)}`],
          ]}
        />
        {!c.sameGridVersion ? (
          <Alert severity="info" sx={{ mt: 2 }}>
            Les deux évaluations ont été faites avec des versions différentes de la grille : les points peuvent ne pas se comparer exactement.
          </Alert>
        ) : null}
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="ede-evolution-curve" sx={{ p: { xs: 2, md: 3 } }}>
        <Typography variant="h2" id="ede-evolution-curve" sx={{ mb: 1.5 }}>
          Courbes superposées
        </Typography>
        <EdeCurve
          items={items}
          series={[
            { label: labelA, paliers: Object.fromEntries(from.items.map((i) => [i.key, i.palier])) },
            { label: labelB, paliers: Object.fromEntries(to.items.map((i) => [i.key, i.palier])) },
          ]}
          title={`Courbes de l’${labelA} et de l’${labelB}`}
          showTable={false}
        />
      </Paper>
      <Box component="section" aria-labelledby="ede-evolution-items">
        <Typography variant="h2" id="ede-evolution-items" sx={{ mb: 1.5 }}>
          Écarts par item
        </Typography>
        <ScrollRegion variant="outlined" aria-label="Écarts par item entre les deux évaluations">
          <Table size="small" aria-label="Écarts par item entre les deux évaluations">
            <TableHead>
              <TableRow>
                <TableCell scope="col">Item</TableCell>
                <TableCell scope="col">Palier au {formatDate(from.date)}</TableCell>
                <TableCell scope="col">Palier au {formatDate(to.date)}</TableCell>
                <TableCell scope="col">Points avant</TableCell>
                <TableCell scope="col">Points après</TableCell>
                <TableCell scope="col">Écart (points)</TableCell>
                <TableCell scope="col">Tendance</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.items.map((i) => (
                <TableRow key={i.key}>
                  <TableCell component="th" scope="row">
                    {i.label}
                  </TableCell>
                  <TableCell>{i.palierBefore ?? '—'}</TableCell>
                  <TableCell>{i.palierAfter ?? '—'}</TableCell>
                  <TableCell>{i.pointsBefore ?? '—'}</TableCell>
                  <TableCell>{i.pointsAfter ?? '—'}</TableCell>
                  <TableCell>{i.pointsDelta === null ? '—' : signed(i.pointsDelta)}</TableCell>
                  <TableCell>{i.trend ? EDE_TREND_LABELS[i.trend] : '—'}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell component="th" scope="row" sx={{ fontWeight: 700 }}>
                  Total
                </TableCell>
                <TableCell />
                <TableCell />
                <TableCell sx={{ fontWeight: 700 }}>{c.totalBefore}</TableCell>
                <TableCell sx={{ fontWeight: 700 }}>{c.totalAfter}</TableCell>
                <TableCell sx={{ fontWeight: 700 }}>{signed(c.totalDelta)}</TableCell>
                <TableCell sx={{ fontWeight: 700 }}>{EDE_TREND_LABELS[c.trend]}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </ScrollRegion>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Un écart négatif signifie moins de freins (amélioration).
        </Typography>
      </Box>
    </Stack>
  );
}
