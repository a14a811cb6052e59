import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useApiQuery } from '../../api/ApiContext';
import { paths, contractPaths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import { validId } from '../../kit/routeParams';
import { Loaded } from '../../kit/status';
import { ContractWizard } from './ContractWizard';

/** Route `/beneficiaires/:personId/contrats/nouveau`: a CERS or CERP according to the orientation in force. */
export function NewContractPage() {
  const personId = validId(useParams().personId);
  const canWrite = useCan('contracts.create');
  const prefill = useApiQuery('contracts.prefill', { personId: personId ?? 0 }, { enabled: personId !== null && canWrite });
  if (!canWrite) {
    return (
      <Page title="Nouveau contrat">
        <Alert severity="warning">Votre rôle ne permet pas d’établir de contrat.</Alert>
      </Page>
    );
  }
  if (personId === null) {
    return (
      <Page title="Nouveau contrat">
        <Alert severity="error">Ce dossier n’existe pas.</Alert>
      </Page>
    );
  }
  return (
    <Loaded title="Nouveau contrat" error={prefill.error} loading={!prefill.data} onRetry={prefill.reload} what="du dossier">
      {() => {
        const data = prefill.data!;
        if (data.blockers.length > 0 || !data.type) {
          return (
            <Page title="Nouveau contrat">
              <Alert severity="warning" sx={{ mb: 2 }}>
                <Typography component="p" sx={{ fontWeight: 700 }}>
                  Un contrat d’engagements réciproques ne peut pas être établi pour l’instant :
                </Typography>
                <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
                  {(data.blockers.length > 0 ? data.blockers : ['Aucun contrat ne correspond à l’orientation en vigueur.']).map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </Alert>
              <Link component={RouterLink} to={paths.dossier(personId)}>
                Revenir au dossier
              </Link>
            </Page>
          );
        }
        return <ContractWizard personId={personId} prefill={data} type={data.type} />;
      }}
    </Loaded>
  );
}

/** Route `/contrats/:contractId/modifier`: a draft (or a renewal) in the wizard. */
export function EditContractPage() {
  const contractId = validId(useParams().contractId);
  const contract = useApiQuery('contracts.get', { contractId: contractId ?? 0 }, { enabled: contractId !== null });
  const personId = contract.data?.personId;
  const prefill = useApiQuery('contracts.prefill', { personId: personId ?? 0 }, { enabled: personId !== undefined });
  if (contractId === null) {
    return (
      <Page title="Modifier le contrat">
        <Alert severity="error">Ce contrat n’existe pas.</Alert>
      </Page>
    );
  }
  return (
    <Loaded
      title="Modifier le contrat"
      error={contract.error ?? prefill.error}
      loading={!contract.data || !prefill.data}
      onRetry={() => {
        contract.reload();
        prefill.reload();
      }}
      what="du contrat"
    >
      {() => {
        const c = contract.data!;
        if (!c.allowedActions.includes('modifier')) {
          return (
            <Page title="Modifier le contrat">
              <Alert severity="info" sx={{ mb: 2 }}>
                Ce contrat est « {c.statusLabel} » : il ne se modifie plus que par un avenant (fiche de liaison). Le résultat et le bilan des
                actions se saisissent sur la page du contrat.
              </Alert>
              <Link component={RouterLink} to={contractPaths.contract(c.id)}>
                Revenir au contrat
              </Link>
            </Page>
          );
        }
        return (
          <ContractWizard
            // Not the version: a contract read again (live update of another desk's save) must not reset the input.
            key={c.id}
            personId={c.personId}
            prefill={prefill.data!}
            contract={c}
            type={c.type}
            onReload={contract.reload}
          />
        );
      }}
    </Loaded>
  );
}
