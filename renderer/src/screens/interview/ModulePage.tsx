import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DossierSearchHit } from '../../../../shared/api/dossier';
import { toApiError, useApi } from '../../api/ApiContext';
import { useDebouncedValue } from '../../kit/useDebouncedValue';
import { Page } from '../../kit/Page';
import { LoadError } from '../../kit/status';
import { interviewPaths } from '../../kit/paths';
import type { ApiError } from '../../../../shared/api/errors';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { formatDate, personName, plural } from '../../../../shared/domain/format';

export type InterviewModule = 'dsp' | 'ede' | 'orientation';

const MODULE_TEXT: Record<InterviewModule, { title: string; intro: string; action: string; to: (personId: number) => string }> = {
  dsp: {
    title: 'Données socio-professionnelles (DSP)',
    intro:
      'La DSP (Annexe 2) se remplit au premier entretien puis se met à jour au fil du parcours : chaque enregistrement est une nouvelle version, et deux versions se comparent. Choisissez le bénéficiaire.',
    action: 'DSP de',
    to: interviewPaths.dspHistory,
  },
  ede: {
    title: 'Échelle de distance à l’emploi (EDE)',
    intro:
      'L’EDE (Annexe 3) : 8 items, 6 paliers, un total de points qui propose une orientation, et la courbe. Elle se refait à chaque renouvellement de contrat. Choisissez le bénéficiaire.',
    action: 'EDE de',
    to: interviewPaths.edeList,
  },
  orientation: {
    title: 'Orientation',
    intro:
      'La proposition d’orientation vient de la dernière EDE, éclairée par la DSP ; la décision désigne l’organisme référent et le correspondant et fait courir le délai du contrat. Choisissez le bénéficiaire.',
    action: 'Orientation de',
    to: interviewPaths.orientationDecision,
  },
};

/** The DSP / EDE / Orientation entries of the navigation: what the module does, and a search to pick the person. */
export function InterviewModulePage({ module }: { module: InterviewModule }) {
  const text = MODULE_TEXT[module];
  const client = useApi();
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 150);
  const [hits, setHits] = useState<DossierSearchHit[] | null>(null);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    if (debounced.length < 2) {
      setHits(null);
      return;
    }
    let current = true;
    client.call('dossiers.search', { query: debounced, limit: 20 }).then(
      (result) => {
        if (!current) return;
        setHits(result);
        setError(undefined);
      },
      (e: unknown) => {
        if (current) setError(toApiError(e));
      },
    );
    return () => {
      current = false;
    };
  }, [client, debounced]);

  return (
    <Page title={text.title}>
      <Typography sx={{ mb: 3, maxWidth: '75ch' }}>{text.intro}</Typography>
      <Box role="search" sx={{ maxWidth: 640 }}>
        <TextField
          type="search"
          label="Rechercher un bénéficiaire (nom, N° CAF, N° France Travail)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          helperText="Saisissez au moins 2 caractères."
        />
      </Box>
      <Typography role="status" sx={{ my: 1, minHeight: '1.5em' }}>
        {hits === null ? '' : hits.length === 0 ? `Aucun bénéficiaire ne correspond à « ${debounced} ».` : `${plural(hits.length, 'bénéficiaire trouvé', 'bénéficiaires trouvés')}.`}
      </Typography>
      {error ? <LoadError error={error} /> : null}
      {hits && hits.length > 0 ? (
        <ScrollRegion variant="outlined" aria-label="Bénéficiaires trouvés">
          <Table size="small" aria-label="Bénéficiaires trouvés">
            <TableHead>
              <TableRow>
                <TableCell scope="col">Bénéficiaire</TableCell>
                <TableCell scope="col">Né(e) le</TableCell>
                <TableCell scope="col">N° CAF</TableCell>
                <TableCell scope="col">Commune</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {hits.map((h) => (
                <TableRow key={h.personId}>
                  <TableCell component="th" scope="row">
                    <Link component={RouterLink} to={text.to(h.personId)}>
                      {text.action} {personName(h)}
                    </Link>
                  </TableCell>
                  <TableCell>{formatDate(h.dateNaissance)}</TableCell>
                  <TableCell>{h.cafNumber}</TableCell>
                  <TableCell>{h.city}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      ) : null}
      <Typography sx={{ mt: 3 }}>
        Le dossier de chaque bénéficiaire présente aussi sa DSP, son EDE et son orientation :{' '}
        <Link component={RouterLink} to="/beneficiaires">
          rechercher un dossier
        </Link>
        .
      </Typography>
    </Page>
  );
}
