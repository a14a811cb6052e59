import { useMemo, useState, type KeyboardEvent } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  DataGrid,
  useGridApiRef,
  type GridColDef,
  type GridPaginationModel,
  type GridRenderCellParams,
  type GridSortModel,
} from '@mui/x-data-grid';
import { frFR } from '@mui/x-data-grid/locales';
import type { WorklistKind, WorklistRow } from '../../../../shared/api/desk';
import { formatDate, plural } from '../../../../shared/domain/format';
import { useApiQuery } from '../../api/ApiContext';
import { ExportButton } from '../../kit/ExportButton';
import { deskLinkPath } from '../../kit/deskLinks';
import { Page } from '../../kit/Page';
import { deskPaths, interviewPaths, paths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { searchAdornment } from '../../kit/searchAdornment';
import { LoadError } from '../../kit/status';
import { useDebouncedValue } from '../../kit/useDebouncedValue';
import { WORKLIST_TEXTS, groupOf, isWorklistKind, worklistTitle } from './worklistTexts';

export const WORKLIST_SEARCH_LABEL = 'Filtrer la liste (nom, N° CAF)';
const DEBOUNCE_MS = 150;
const PAGE_SIZES = [25, 50, 100];

type Sort = 'date' | 'person' | 'days';
type GridRow = WorklistRow & { id: number };
/** The grid's sortable columns → the API's sorts. */
const SORT_OF_FIELD: Record<string, Sort> = { personName: 'person', date: 'date', days: 'days' };
const FIELD_OF_SORT: Record<Sort, string> = { person: 'personName', date: 'date', days: 'days' };

/** The menu entry's page: '/dsp', '/ede', '/orientation' (its lists switched by `?liste=`). */
export function MenuWorklistPage({ lists, basePath }: { lists: readonly WorklistKind[]; basePath: string }) {
  const [params] = useSearchParams();
  const asked = params.get('liste');
  const list = isWorklistKind(asked) && lists.includes(asked) ? asked : lists[0]!;
  return <WorklistPage key={list} list={list} lists={lists} hrefOf={(l) => (l === lists[0] ? basePath : `${basePath}?liste=${l}`)} />;
}

/** '/listes/:list': any list (the desk's counts open these), with the other lists of its menu. */
export function WorklistRoutePage() {
  const { list } = useParams();
  if (!isWorklistKind(list)) {
    return (
      <Page title="Liste introuvable">
        <Typography>Cette liste de travail n’existe pas.</Typography>
      </Page>
    );
  }
  return <WorklistPage key={list} list={list} lists={groupOf(list)} hrefOf={deskPaths.worklist} />;
}

/**
 * A work list: rows paged and sorted by main (MUI X DataGrid in server mode), filtered by name or CAF number as the
 * user types. Keyboard as the beneficiaries' search: Down or Enter in the filter goes to the first row, the arrows move
 * between rows, Enter opens the dossier at the row's section (so does a click).
 */
export function WorklistPage({ list, lists, hrefOf }: { list: WorklistKind; lists: readonly WorklistKind[]; hrefOf: (list: WorklistKind) => string }) {
  const text = WORKLIST_TEXTS[list];
  const title = worklistTitle(list);
  const navigate = useNavigate();
  const apiRef = useGridApiRef();
  const canRecordPreconisations = useCan('orientation.preconisations.record');
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [sortModel, setSortModel] = useState<GridSortModel>([{ field: 'date', sort: list === 'validations_recues' ? 'desc' : 'asc' }]);

  const sort = SORT_OF_FIELD[sortModel[0]?.field ?? 'date'] ?? 'date';
  const direction = sortModel[0]?.sort === 'desc' ? 'desc' : 'asc';
  const result = useApiQuery('worklists.list', {
    list,
    ...(debounced ? { query: debounced } : {}),
    sort,
    direction,
    offset: pagination.page * pagination.pageSize,
    limit: pagination.pageSize,
  });
  const offset = pagination.page * pagination.pageSize;
  const rows: GridRow[] = useMemo(() => (result.data?.rows ?? []).map((r, i) => ({ ...r, id: offset + i })), [result.data, offset]);
  const total = result.data?.total ?? 0;

  const open = (row: GridRow) => void navigate(deskLinkPath(row.link));
  const columns = useMemo(() => worklistColumns(text.dateLabel), [text.dateLabel]);

  const goToFirstRow = (e: KeyboardEvent) => {
    if ((e.key !== 'ArrowDown' && e.key !== 'Enter') || rows.length === 0) return;
    e.preventDefault();
    apiRef.current?.setCellFocus(rows[0]!.id, 'personName');
  };

  const status = result.data
    ? total === 0 && debounced
      ? `Aucune ligne ne correspond à « ${debounced} ».`
      : `${plural(total, text.unit[0], text.unit[1])}.`
    : '';

  return (
    <Page
      title={title}
      actions={
        list.startsWith('orientation') && canRecordPreconisations ? (
          <Button variant="outlined" component={RouterLink} to={interviewPaths.orientationTeam}>
            Préconisations de l’équipe d’orientation
          </Button>
        ) : null
      }
    >
      {lists.length > 1 ? (
        <Stack component="nav" aria-label="Listes de travail de ce menu" direction="row" spacing={1} useFlexGap sx={{ mb: 2, flexWrap: 'wrap' }}>
          {lists.map((l) => (
            <Button
              key={l}
              component={RouterLink}
              to={hrefOf(l)}
              variant={l === list ? 'contained' : 'outlined'}
              aria-current={l === list ? 'page' : undefined}
            >
              {worklistTitle(l)}
            </Button>
          ))}
        </Stack>
      ) : null}
      <Typography sx={{ mb: 2, maxWidth: '75ch' }}>{text.intro}</Typography>
      <Box role="search" sx={{ maxWidth: 640 }}>
        <TextField
          type="search"
          label={WORKLIST_SEARCH_LABEL}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPagination((p) => ({ ...p, page: 0 }));
          }}
          onKeyDown={goToFirstRow}
          autoComplete="off"
          helperText="Flèche bas ou Entrée : aller à la liste ; flèches : passer d’une ligne à l’autre ; Entrée : ouvrir le dossier."
          slotProps={{ input: { startAdornment: searchAdornment } }}
        />
      </Box>
      <Typography role="status" sx={{ my: 1, minHeight: '1.5em' }}>
        {status}
      </Typography>
      {result.error ? <LoadError error={result.error} /> : null}
      <Box sx={{ mb: 1 }}><ExportButton request={{ list: 'liste_de_travail', params: { list, ...(debounced ? { query: debounced } : {}), sort, direction } }} disabled={total === 0} /></Box>
      <DataGrid
        apiRef={apiRef}
        aria-label={title}
        rows={rows}
        columns={columns}
        rowCount={total}
        loading={result.loading}
        paginationMode="server"
        sortingMode="server"
        paginationModel={pagination}
        onPaginationModelChange={setPagination}
        pageSizeOptions={PAGE_SIZES}
        sortModel={sortModel}
        onSortModelChange={(model) => {
          setSortModel(model.length > 0 ? model : [{ field: FIELD_OF_SORT.date, sort: 'asc' }]);
          setPagination((p) => ({ ...p, page: 0 }));
        }}
        sortingOrder={['asc', 'desc']}
        disableColumnFilter
        disableColumnMenu
        disableRowSelectionOnClick
        disableVirtualization
        autoHeight
        localeText={{ ...frFR.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: debounced ? 'Aucune ligne ne correspond au filtre.' : text.empty }}
        onRowClick={(params, event) => {
          if ((event.target as HTMLElement).closest('a')) return;
          open(params.row as GridRow);
        }}
        onCellKeyDown={(params, event) => {
          if (event.key !== 'Enter' || (event.target as HTMLElement).closest('a')) return;
          event.preventDefault();
          open(params.row as GridRow);
        }}
        getRowHeight={() => 'auto'}
        sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' }, '& .MuiDataGrid-cell': { py: 1, whiteSpace: 'normal', lineHeight: 1.4 } }}
      />
      <Typography sx={{ mt: 3 }}>
        Un autre bénéficiaire ?{' '}
        <Link component={RouterLink} to={paths.beneficiaries}>
          Rechercher un dossier
        </Link>
        .
      </Typography>
    </Page>
  );
}

function worklistColumns(dateLabel: string): GridColDef<GridRow>[] {
  return [
    {
      field: 'personName',
      headerName: 'Bénéficiaire',
      flex: 1.2,
      minWidth: 200,
      renderCell: (params: GridRenderCellParams<GridRow>) => (
        <Link component={RouterLink} to={deskLinkPath(params.row.link)} tabIndex={params.tabIndex} sx={{ fontWeight: 600 }}>
          {params.row.personName}
        </Link>
      ),
    },
    { field: 'cafNumber', headerName: 'N° CAF', width: 110, sortable: false },
    { field: 'referent', headerName: 'Référent', width: 170, sortable: false, valueFormatter: (value: string | null) => value ?? 'Non désigné' },
    { field: 'date', headerName: dateLabel, width: 150, valueFormatter: (value: string | null) => (value ? formatDate(value) : '—') },
    { field: 'days', headerName: 'Jours', type: 'number', width: 90, valueFormatter: (value: number | null) => (value === null ? '—' : String(value)) },
    { field: 'detail', headerName: 'Détail', flex: 2, minWidth: 260, sortable: false },
  ];
}
