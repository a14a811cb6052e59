import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import SearchIcon from '@mui/icons-material/Search';
import type { DossierSearchHit } from '../../../../shared/api/dossier';
import { toApiError, useApi } from '../../api/ApiContext';
import { ExportButton } from '../../kit/ExportButton';
import { paths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { useDebouncedValue } from '../../kit/useDebouncedValue';
import { Page } from '../../kit/Page';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { formatDate, personName, plural } from '../../../../shared/domain/format';

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_LIMIT = 50;
export const SEARCH_LABEL = 'Rechercher un bénéficiaire (nom, N° CAF, N° France Travail)';

export function BeneficiariesPage() {
  const client = useApi();
  const navigate = useNavigate();
  const canCreate = useCan('dossiers.create');
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(() => params.get('q') ?? '');
  const debounced = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS);
  const [result, setResult] = useState<{ query: string; hits: DossierSearchHit[] } | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const rowLinks = useRef<(HTMLAnchorElement | null)[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);

  // Keep the search in the address, so "back" from a dossier finds it again.
  const urlQuery = params.get('q') ?? '';
  useEffect(() => {
    if (urlQuery !== debounced) setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced, urlQuery, setParams]);

  useEffect(() => {
    if (debounced.length < SEARCH_MIN_LENGTH) {
      setResult(null);
      setError(undefined);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    client.call('dossiers.search', { query: debounced, limit: SEARCH_LIMIT }).then(
      (hits) => {
        if (!current) return;
        setResult({ query: debounced, hits });
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(toApiError(e).message);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [client, debounced]);

  const hits = result?.hits ?? [];

  const focusRow = (index: number) => {
    const target = rowLinks.current[Math.max(0, Math.min(index, hits.length - 1))];
    target?.focus();
  };

  const onRowKeyDown = (index: number) => (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (index === 0) searchRef.current?.focus();
      else focusRow(index - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusRow(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusRow(hits.length - 1);
    }
  };

  let status = '';
  if (error) status = '';
  else if (query.trim().length > 0 && query.trim().length < SEARCH_MIN_LENGTH)
    status = `Saisissez au moins ${SEARCH_MIN_LENGTH} caractères.`;
  else if (result && !loading)
    status =
      result.hits.length === 0
        ? `Aucun bénéficiaire ne correspond à « ${result.query} ».`
        : `${plural(result.hits.length, 'bénéficiaire trouvé', 'bénéficiaires trouvés')}${
            result.hits.length >= SEARCH_LIMIT ? ` (les ${SEARCH_LIMIT} premiers : précisez la recherche)` : ''
          }.`;

  return (
    <Page
      title="Bénéficiaires"
      actions={
        canCreate ? (
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to={paths.newDossier}>
            Nouveau dossier
          </Button>
        ) : null
      }
    >
      <Box role="search">
        <TextField
          label={SEARCH_LABEL}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && hits.length > 0) {
              e.preventDefault();
              focusRow(0);
            } else if (e.key === 'Enter' && hits.length === 1 && hits[0]) {
              void navigate(paths.dossier(hits[0].personId));
            }
          }}
          inputRef={searchRef}
          autoComplete="off"
          helperText="Saisissez au moins 2 caractères. Flèche bas : aller aux résultats ; flèches haut et bas : passer d’un bénéficiaire à l’autre ; Entrée : ouvrir le dossier."
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon aria-hidden />
                </InputAdornment>
              ),
            },
            htmlInput: { 'aria-controls': 'search-results' },
          }}
          sx={{ mb: 2 }}
        />
      </Box>
      <Typography role="status" sx={{ mb: 1, minHeight: '1.5em' }}>
        {status}
      </Typography>
      {loading ? <LinearProgress aria-label="Recherche en cours" sx={{ mb: 1 }} /> : null}
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      {result && result.hits.length > 0 ? <Box sx={{ mb: 1 }}><ExportButton request={{ list: 'recherche', params: { query: result.query, limit: SEARCH_LIMIT } }} /></Box> : null}
      <div id="search-results">
        {hits.length > 0 ? (
          <ScrollRegion variant="outlined" aria-label="Résultats de la recherche">
            <Table aria-label="Résultats de la recherche">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Nom et prénoms</TableCell>
                  <TableCell scope="col">Né(e) le</TableCell>
                  <TableCell scope="col">N° CAF</TableCell>
                  <TableCell scope="col">N° France Travail (ex-Pôle Emploi)</TableCell>
                  <TableCell scope="col">Commune</TableCell>
                  <TableCell scope="col">Référent</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {hits.map((hit, index) => (
                  <TableRow
                    key={hit.personId}
                    hover
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a')) return;
                      void navigate(paths.dossier(hit.personId));
                    }}
                    sx={{ cursor: 'pointer' }}
                  >
                    <TableCell component="th" scope="row">
                      <Link
                        component={RouterLink}
                        to={paths.dossier(hit.personId)}
                        ref={(el: HTMLAnchorElement | null) => {
                          rowLinks.current[index] = el;
                        }}
                        onKeyDown={onRowKeyDown(index)}
                        sx={{ fontWeight: 600 }}
                      >
                        {personName(hit)}
                      </Link>
                    </TableCell>
                    <TableCell>{formatDate(hit.dateNaissance)}</TableCell>
                    <TableCell>{hit.cafNumber}</TableCell>
                    <TableCell>{hit.peNumber ?? '—'}</TableCell>
                    <TableCell>{hit.city}</TableCell>
                    <TableCell>{hit.referent ?? 'Non désigné'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        ) : null}
        {!result && !error && query.trim().length === 0 ? (
          <Typography color="text.secondary">
            Saisissez un nom, un N° allocataire CAF ou un N° France Travail (ex-Pôle Emploi) pour retrouver un dossier.
          </Typography>
        ) : null}
      </div>
    </Page>
  );
}
