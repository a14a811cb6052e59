import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { DueItem } from '../../../../shared/api/desk';
import { formatDate } from '../../../../shared/domain/format';
import { ECHEANCE_KIND_LABELS } from '../../../../shared/domain/rules/echeancier';
import { dossierSectionPath } from '../../kit/echeancierQuery';
import { VisuallyHidden } from '../../kit/Page';
import { ScrollTable } from '../../kit/ScrollRegion';
import { SeverityChip } from '../../kit/SeverityChip';

export type EcheancierSort = 'date' | 'severity' | 'person' | 'kind';
export interface SortState {
  sort: EcheancierSort;
  direction: 'asc' | 'desc';
}

export const PAGE_SIZE = 50;

const COLUMNS: readonly { label: string; sort?: EcheancierSort }[] = [
  { label: 'Date', sort: 'date' },
  { label: 'Gravité', sort: 'severity' },
  { label: 'Échéance', sort: 'kind' },
  { label: 'Bénéficiaire', sort: 'person' },
  { label: 'Référent' },
  { label: 'Règle' },
];

export interface EcheancierTableProps {
  items: readonly DueItem[];
  total: number;
  page: number;
  onPage: (page: number) => void;
  sort: SortState;
  onSort: (sort: SortState) => void;
}

/** The échéancier's rows, 50 a page, sorted by main; each person opens the dossier at the item's section. */
export function EcheancierTable({ items, total, page, onPage, sort, onSort }: EcheancierTableProps) {
  return (
    <Box>
      <ScrollTable label="Échéances" size="small" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((column) => {
              const active = column.sort === sort.sort;
              return (
                <TableCell
                  key={column.label}
                  component="th"
                  scope="col"
                  sx={{ fontWeight: 700 }}
                  aria-sort={column.sort ? (active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}
                >
                  {column.sort ? (
                    <TableSortLabel
                      active={active}
                      direction={active ? sort.direction : 'asc'}
                      onClick={() => onSort({ sort: column.sort!, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
                    >
                      {column.label}
                      <VisuallyHidden>{active ? (sort.direction === 'asc' ? ' (tri croissant)' : ' (tri décroissant)') : ' (trier)'}</VisuallyHidden>
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={COLUMNS.length}>
                <Typography color="text.secondary">Aucune échéance ne correspond à ces filtres.</Typography>
              </TableCell>
            </TableRow>
          ) : (
            items.map((item) => (
              <TableRow key={item.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(item.date)}</TableCell>
                <TableCell>
                  <SeverityChip severity={item.severity} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {item.title}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {ECHEANCE_KIND_LABELS[item.kind]}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Link component={RouterLink} to={dossierSectionPath(item.personId, item.section)}>
                    {item.personName}
                  </Link>
                </TableCell>
                <TableCell>{item.referent?.displayName ?? 'Non désigné'}</TableCell>
                <TableCell sx={{ minWidth: 180 }}>
                  <Box
                    component="details"
                    sx={{ '& > summary': { cursor: 'pointer', color: 'primary.main', fontWeight: 600 }, '& > summary:focus-visible': { outline: '3px solid #1d4ed8' } }}
                  >
                    <summary>
                      Règle
                      <VisuallyHidden>{` : ${item.title}`}</VisuallyHidden>
                    </summary>
                    <Typography variant="body2" sx={{ mt: 0.5 }}>
                      {item.rule}
                    </Typography>
                  </Box>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </ScrollTable>
      <TablePagination
        component="div"
        count={total}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        onPageChange={(_e, next) => onPage(next)}
      />
    </Box>
  );
}
