import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { isIsoDate } from '../../../../shared/domain/rules/dates';
import { formatDate } from '../../../../shared/domain/format';
import { STAT_SECTIONS, type StatisticsFilter, type StatSection } from '../../../../shared/api/statistics';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { downloadPdf } from '../../documents/pdfFiles';
import { DateInput } from '../../kit/DateInput';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { LoadError, Loading } from '../../kit/status';
import { StatFigureCard } from './StatFigureCard';

const TITLE = 'Statistiques';
const SECTIONS = Object.entries(STAT_SECTIONS) as [StatSection, (typeof STAT_SECTIONS)[StatSection]][];

interface FilterForm {
  from: string;
  to: string;
  organismeId: string;
  referentId: string;
}

/** The filter sent to main: only complete dates, and the choices made. */
function filterOf(form: FilterForm): StatisticsFilter {
  return {
    ...(isIsoDate(form.from) ? { from: form.from } : {}),
    ...(isIsoDate(form.to) ? { to: form.to } : {}),
    ...(form.organismeId ? { organismeId: Number(form.organismeId) } : {}),
    ...(form.referentId ? { referentId: Number(form.referentId) } : {}),
  };
}

/**
 * Statistiques (issue 15 §3): the figures of the user's MDS over a period, one tab per chapter (file active,
 * orientation, contrats, fiches, EP, EDE), each figure with its chart, its table and its CSV export; and the
 * « rapport d’activité » as a PDF with the same tables. Counts under 5 persons read « < 5 ».
 */
export function StatisticsPage() {
  const client = useApi();
  const notify = useNotify();
  const [form, setForm] = useState<FilterForm>({ from: '', to: '', organismeId: '', referentId: '' });
  const [section, setSection] = useState<StatSection>('activite');
  const [printing, setPrinting] = useState(false);
  const filter = filterOf(form);
  const options = useApiQuery('statistics.options', {});
  const stats = useApiQuery('statistics.get', { filter, figures: [...STAT_SECTIONS[section].figures] });
  const set = (key: keyof FilterForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const printReport = async () => {
    setPrinting(true);
    try {
      const pdf = await client.call('statistics.report', { filter });
      downloadPdf(pdf.base64, pdf.fileName);
      notify(`Rapport d’activité téléchargé : « ${pdf.fileName} ». Il est inscrit au journal.`);
    } catch (error) {
      notify(toApiError(error).message, 'error');
    } finally {
      setPrinting(false);
    }
  };

  const scope = stats.data?.scope;
  return (
    <Page
      title={TITLE}
      actions={
        <Button variant="contained" startIcon={<PictureAsPdfIcon />} disabled={printing} onClick={() => void printReport()}>
          {printing ? 'Préparation du rapport…' : 'Rapport d’activité (PDF)'}
        </Button>
      }
    >
      <Stack spacing={2}>
        <Stack role="group" aria-label="Filtres des statistiques" direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <DateInput label="Du" value={form.from} onChange={set('from')} hint="Vide : les douze derniers mois" />
          <DateInput label="Au" value={form.to} onChange={set('to')} hint="Vide : aujourd’hui" />
          <TextField select fullWidth label="Organisme" value={form.organismeId} onChange={(e) => set('organismeId')(e.target.value)}>
            <MenuItem value="">Tous les organismes</MenuItem>
            {(options.data?.organismes ?? []).map((o) => (
              <MenuItem key={o.id} value={String(o.id)}>
                {o.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select fullWidth label="Référent" value={form.referentId} onChange={(e) => set('referentId')(e.target.value)}>
            <MenuItem value="">Tous les référents</MenuItem>
            {(options.data?.referents ?? []).map((r) => (
              <MenuItem key={r.id} value={String(r.id)}>
                {r.displayName}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {scope ? (
          <Typography role="status">
            {scope.mds.name} (territoire {scope.mds.territory}), du {formatDate(scope.from)} au {formatDate(scope.to)}
            {scope.organisme ? `, organisme ${scope.organisme.name}` : ''}
            {scope.referent ? `, référent ${scope.referent.displayName}` : ''}.
          </Typography>
        ) : null}
        <Alert severity="info">
          Pour qu’aucune personne ne puisse être reconnue, les nombres inférieurs à 5 personnes, et les délais, parts et moyennes calculés sur moins de 5
          personnes, sont remplacés par « &lt; 5 » ; les graphiques ne les montrent pas.
        </Alert>
        <Tabs value={section} onChange={(_e, value: StatSection) => setSection(value)} variant="scrollable" aria-label="Chapitres des statistiques">
          {SECTIONS.map(([key, s]) => (
            <Tab key={key} value={key} label={s.title} id={`stat-tab-${key}`} aria-controls={`stat-panel-${key}`} />
          ))}
        </Tabs>
        <Stack spacing={3} role="tabpanel" id={`stat-panel-${section}`} aria-labelledby={`stat-tab-${section}`}>
          {stats.error ? (
            <LoadError error={stats.error} onRetry={stats.reload} />
          ) : !stats.data ? (
            <Loading>Calcul des statistiques…</Loading>
          ) : (
            stats.data.tables.map((t) => <StatFigureCard key={t.figure} table={t} filter={filter} />)
          )}
        </Stack>
      </Stack>
    </Page>
  );
}
