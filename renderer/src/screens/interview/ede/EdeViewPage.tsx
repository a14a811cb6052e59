import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { EdeAssessment, EdeGridOutput } from '../../../../../shared/api/interview';
import { useApiQuery } from '../../../api/ApiContext';
import { Page } from '../../../kit/Page';
import { LoadError, Loading } from '../../../kit/status';
import { Facts, PersonScreen } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { EdeCurve, type CurveItem } from './EdeCurve';
import { FlaggedItems } from './EdeScore';
import { pointsText, proposalLabel } from './edeModel';
import { formatDate, formatDateTime } from '../../../../../shared/domain/format';

/** Route element: `#/beneficiaires/:personId/ede/:edeId` — one assessment, as scored. */
export function EdeViewPage() {
  const params = useParams();
  const edeId = Number(params.edeId);
  return (
    <PersonScreen title="Échelle de distance à l’emploi" crumb="EDE">
      {({ personId, name }) => <EdeView personId={personId} name={name} edeId={Number.isInteger(edeId) && edeId > 0 ? edeId : null} />}
    </PersonScreen>
  );
}

/** The items to draw: the grid's (colour bands), or the assessment's own when the grid is not known. */
export function curveItemsFor(grid: EdeGridOutput | undefined, assessment: Pick<EdeAssessment, 'items'>): CurveItem[] {
  if (grid) return grid.items;
  return assessment.items.map((i) => ({
    key: i.key,
    number: i.number,
    label: i.label,
    paliers: [1, 2, 3, 4, 5, 6].map((level) => ({ level, points: level === i.palier ? i.points : 0, colour: level === i.palier ? i.colour : ('aucune' as const) })),
  }));
}

function EdeView({ personId, name, edeId }: { personId: number; name: string; edeId: number | null }) {
  const ede = useApiQuery('ede.get', { edeId: edeId ?? 0 }, { enabled: edeId !== null });
  const grid = useApiQuery('ede.grid', {});
  if (edeId === null) {
    return (
      <Page title="EDE introuvable">
        <Alert severity="error">Cette évaluation n’existe pas.</Alert>
      </Page>
    );
  }
  const a = ede.data;
  if (!a) {
    return <Page title={`EDE de ${name}`}>{ede.error ? <LoadError error={ede.error} onRetry={ede.reload} /> : <Loading>Chargement de l’évaluation…</Loading>}</Page>;
  }
  const title = `EDE du ${formatDate(a.date)} — ${name}`;
  const sameGrid = !grid.data || grid.data.version === a.gridVersion;
  return (
    <Page
      title={title}
      actions={
        <Button component={RouterLink} to={interviewPaths.edeList(personId)}>
          Toutes les EDE et leur évolution
        </Button>
      }
    >
      <Stack spacing={3}>
        <Paper variant="outlined" component="section" aria-labelledby="ede-result-title" sx={{ p: { xs: 2, md: 3 } }}>
          <Typography variant="h2" id="ede-result-title" sx={{ mb: 1.5 }}>
            Résultat
          </Typography>
          <Facts
            rows={[
              ['Date de l’entretien', formatDate(a.date)],
              ['Total', pointsText(a.total)],
              ['Proposition', <strong key="p">{proposalLabel(a.proposal)}</strong>],
              ['Motif', a.reason],
              ['Saisie', `le ${formatDateTime(a.createdAt)} par ${a.createdBy.displayName} (grille version ${a.gridVersion})`],
            ]}
          />
        </Paper>
        <Paper variant="outlined" component="section" aria-labelledby="ede-curve-view-title" sx={{ p: { xs: 2, md: 3 } }}>
          <Typography variant="h2" id="ede-curve-view-title" sx={{ mb: 1.5 }}>
            Courbe
          </Typography>
          {!sameGrid ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              Cette évaluation a été faite avec la version {a.gridVersion} de la grille ; les couleurs de fond sont celles de la grille actuelle.
            </Alert>
          ) : null}
          <EdeCurve
            items={curveItemsFor(grid.data, a)}
            series={[{ label: `EDE du ${formatDate(a.date)}`, paliers: Object.fromEntries(a.items.map((i) => [i.key, i.palier])) }]}
            title={`Courbe de l’EDE du ${formatDate(a.date)}`}
          />
        </Paper>
        <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
          <FlaggedItems items={a.items} themes={a.themes} />
        </Paper>
        {a.items.some((i) => i.comment) ? (
          <Paper variant="outlined" component="section" aria-labelledby="ede-comments-title" sx={{ p: { xs: 2, md: 3 } }}>
            <Typography variant="h2" id="ede-comments-title" sx={{ mb: 1.5 }}>
              Commentaires
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {a.items
                .filter((i) => i.comment)
                .map((i) => (
                  <li key={i.key}>
                    <strong>
                      Item {i.number} « {i.label} »
                    </strong>{' '}
                    : {i.comment}
                  </li>
                ))}
            </Box>
          </Paper>
        ) : null}
      </Stack>
    </Page>
  );
}
