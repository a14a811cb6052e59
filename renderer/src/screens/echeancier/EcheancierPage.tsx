import { useState } from 'react';
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import type { EcheancierFilter } from '../../../../shared/api/desk';
import { formatDate, plural } from '../../../../shared/domain/format';
import { useApi, useApiQuery, toApiError } from '../../api/ApiContext';
import { askableFilter, echeancierSearch, parseEcheancierSearch } from '../../kit/echeancierQuery';
import { ExportButton as ListExportButton } from '../../kit/ExportButton';
import { saveBlob } from '../../kit/files';
import { toIsoDate } from '../../kit/format';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { useSession } from '../../kit/session';
import { LoadError, Loading } from '../../kit/status';
import type { CalendarMode } from './calendarModel';
import { calendarGrid } from './calendarModel';
import { EcheancierCalendar } from './EcheancierCalendar';
import { EcheancierFilters } from './EcheancierFilters';
import { EcheancierTable, PAGE_SIZE, type SortState } from './EcheancierTable';

const TITLE = 'Échéancier';
type View = 'liste' | CalendarMode;
const VIEWS: readonly { value: View; label: string }[] = [
  { value: 'liste', label: 'Liste' },
  { value: 'mois', label: 'Mois' },
  { value: 'semaine', label: 'Semaine' },
];
/** The address's word for the view (the filter's words are in kit/echeancierQuery.ts). */
const VIEW_PARAM = 'vue';

/**
 * Every due item of the dossiers the user may see, precomputed by main: filters (in the address, so a desk count
 * opens the list it counted), the list (50 a page, sorted by main), a month or week calendar whose days narrow
 * the list to one day, and the export of the filtered list as CSV.
 */
export function EcheancierPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = parseEcheancierSearch(params);
  const asked = askableFilter(filter);
  const viewParam = params.get(VIEW_PARAM);
  const view: View = viewParam === 'mois' || viewParam === 'semaine' ? viewParam : 'liste';

  const [sort, setSort] = useState<SortState>({ sort: 'date', direction: 'asc' });
  const filterKey = echeancierSearch(asked);
  // Back to the first page whenever the filter or the order changes.
  const [paging, setPaging] = useState({ key: '', page: 0 });
  const pagingKey = `${filterKey}|${sort.sort}|${sort.direction}`;
  const page = paging.key === pagingKey ? paging.page : 0;

  const list = useApiQuery('echeancier.list', { filter: asked, sort: sort.sort, direction: sort.direction, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  const today = list.data?.computedFor ?? toIsoDate(new Date());

  const go = (next: EcheancierFilter, nextView: View = view) => {
    const search = [echeancierSearch(next), nextView === 'liste' ? '' : `${VIEW_PARAM}=${nextView}`].filter(Boolean).join('&');
    setParams(new URLSearchParams(search), { replace: true });
  };

  const selectedDay = filter.from && filter.from === filter.to ? filter.from : null;
  const [anchor, setAnchor] = useState<string | null>(null);
  const calendarAnchor = anchor ?? filter.from ?? today;

  return (
    <Page title={TITLE} actions={<><ExportButton filter={asked} /><ListExportButton request={{ list: 'echeancier', params: { filter: asked, sort: sort.sort, direction: sort.direction } }} formats={['xlsx']} label="Exporter (Excel)" /></>}>
      <EcheancierFilters filter={filter} onChange={(next) => go(next)} withReferent={user.role !== 'referent'} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          aria-label="Affichage"
          onChange={(_e, next: View | null) => {
            if (next) go(filter, next);
          }}
        >
          {VIEWS.map((v) => (
            <ToggleButton key={v.value} value={v.value}>
              {v.label}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {selectedDay ? (
          <Chip label={`Le ${formatDate(selectedDay)}`} onDelete={() => go({ ...filter, from: undefined, to: undefined })} color="primary" variant="outlined" />
        ) : null}
        {filter.personId ? (
          <Chip
            label={`Bénéficiaire : ${list.data?.items[0]?.personName ?? `n° ${filter.personId}`}`}
            onDelete={() => go({ ...filter, personId: undefined })}
            color="primary"
            variant="outlined"
          />
        ) : null}
        {filterKey || filter.to ? (
          <Button onClick={() => go({})}>Effacer les filtres</Button>
        ) : null}
      </Stack>
      {view !== 'liste' ? (
        <CalendarPanel
          mode={view}
          anchor={calendarAnchor}
          onAnchor={setAnchor}
          today={today}
          filter={asked}
          selected={selectedDay}
          onDay={(day) => go(day === selectedDay ? { ...filter, from: undefined, to: undefined } : { ...filter, from: day, to: day })}
        />
      ) : null}
      <Typography component="p" role="status" sx={{ fontWeight: 600, my: 1 }}>
        {list.data ? plural(list.data.total, 'échéance', 'échéances') : ''}
      </Typography>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <EcheancierTable
          items={list.data.items}
          total={list.data.total}
          page={page}
          onPage={(next) => setPaging({ key: pagingKey, page: next })}
          sort={sort}
          onSort={setSort}
        />
      ) : list.error ? null : (
        <Loading>Chargement des échéances…</Loading>
      )}
    </Page>
  );
}

function CalendarPanel({
  mode,
  anchor,
  onAnchor,
  today,
  filter,
  selected,
  onDay,
}: {
  mode: CalendarMode;
  anchor: string;
  onAnchor: (anchor: string) => void;
  today: string;
  filter: EcheancierFilter;
  selected: string | null;
  onDay: (day: string) => void;
}) {
  const grid = calendarGrid(mode, anchor);
  // The calendar shows its own period: the list's period (a day picked) does not narrow it.
  const { from: _from, to: _to, ...rest } = filter;
  const counts = useApiQuery('echeancier.calendar', { filter: rest, from: grid.from, to: grid.to });
  return (
    <Box sx={{ mb: 2 }}>
      {counts.error ? <LoadError error={counts.error} onRetry={counts.reload} /> : null}
      <EcheancierCalendar mode={mode} anchor={anchor} onAnchor={onAnchor} today={today} counts={counts.data} selected={selected} onDay={onDay} />
    </Box>
  );
}

/** « Exporter (CSV) »: the whole filtered list, as main writes it (UTF-8 with BOM, `;`), saved under its name. */
function ExportButton({ filter }: { filter: EcheancierFilter }) {
  const client = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="outlined"
      startIcon={<DownloadIcon />}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        client.call('echeancier.export', { filter }).then(
          (file) => {
            saveBlob(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }), file.fileName);
            notify(`${plural(file.rows, 'ligne exportée', 'lignes exportées')} dans ${file.fileName}.`);
            setBusy(false);
          },
          (error: unknown) => {
            notify(toApiError(error).message, 'error');
            setBusy(false);
          },
        );
      }}
    >
      {busy ? 'Export en cours…' : 'Exporter (CSV)'}
    </Button>
  );
}
