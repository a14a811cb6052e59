import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useApiQuery } from '../../api/ApiContext';
import { Page } from '../../kit/Page';
import { Loaded } from '../../kit/status';
import { PurgeCandidates } from './PurgeCandidates';
import { RetentionRules } from './RetentionRules';

const TITLE = 'Protection des données';

/**
 * Administration › Protection des données (RGPD): the retention rules with their legal basis, and the dossiers of
 * the MDS due for anonymisation, anonymised only once the administrator confirms them. A purge is a write: the list
 * is read again after it (data version).
 */
export function RgpdPage() {
  const retention = useApiQuery('rgpd.retention', {});
  const candidates = useApiQuery('rgpd.purgeCandidates', {});
  return (
    <Loaded
      title={TITLE}
      error={retention.error ?? candidates.error}
      loading={!retention.data || !candidates.data}
      onRetry={() => {
        retention.reload();
        candidates.reload();
      }}
      what="de la protection des données"
    >
      {() => (
        <Page title={TITLE}>
          <Stack spacing={4}>
            <Typography>
              Les données personnelles des bénéficiaires sont gardées le temps nécessaire à leur accompagnement, puis le temps des recours et du
              recouvrement des indus ; elles sont ensuite anonymisées. Le droit d’accès d’une personne s’exerce depuis son dossier (« Exporter les données de
              la personne »).
            </Typography>
            <PurgeCandidates data={candidates.data!} />
            <RetentionRules retention={retention.data!} />
          </Stack>
        </Page>
      )}
    </Loaded>
  );
}
