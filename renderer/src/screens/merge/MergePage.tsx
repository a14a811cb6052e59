import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MergePreview } from '../../../../shared/api/merge';
import { plural } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { mergePaths, paths } from '../../kit/paths';
import { validId } from '../../kit/routeParams';
import { Loaded } from '../../kit/status';
import { dossierValues, IdentityTable, recordLines } from './IdentityTable';

const TITLE = 'Fusionner deux dossiers';
const CRUMBS = [{ label: 'Doublons à vérifier', to: mergePaths.duplicates }, { label: TITLE }];

/** What a merge does, as the screen and the confirmation say it (docs/rules.md « Issue 15 — doublons et fusion »). */
export const MERGE_EFFECTS = [
  'tous les enregistrements du dossier fusionné (DSP, EDE, orientations, contrats, fiches de liaison, pièces jointes, saisines, rendez-vous, documents…) sont rattachés au dossier conservé ;',
  'le dossier fusionné garde son identité et renvoie au dossier conservé ; il se consulte mais ne se modifie plus, et n’apparaît plus dans la recherche ;',
  'rien n’est supprimé : les deux historiques sont gardés, et la fusion est inscrite au journal.',
] as const;

/**
 * The merge of two dossiers found to be the same person: the user chooses the dossier to keep, sees both identities
 * side by side and what will move, and confirms; a merge a rule forbids says why and cannot be confirmed.
 */
export function MergePage() {
  const params = useParams();
  const a = validId(params.a);
  const b = validId(params.b);
  if (a === null || b === null || a === b) {
    return (
      <Page title={TITLE} breadcrumbs={CRUMBS}>
        <Alert severity="error">Cette adresse ne désigne pas deux dossiers différents.</Alert>
      </Page>
    );
  }
  return <MergeOf a={a} b={b} />;
}

function MergeOf({ a, b }: { a: number; b: number }) {
  const [keptId, setKeptId] = useState(a);
  const mergedId = keptId === a ? b : a;
  const preview = useApiQuery('merge.preview', { keptPersonId: keptId, mergedPersonId: mergedId });
  return (
    <Loaded title={TITLE} error={preview.error} loading={!preview.data} onRetry={preview.reload} what="de la fusion">
      {() => <MergeForm preview={preview.data!} pairIds={[a, b]} keptId={keptId} onKeep={setKeptId} />}
    </Loaded>
  );
}

function MergeForm({ preview, pairIds, keptId, onKeep }: { preview: MergePreview; pairIds: [number, number]; keptId: number; onKeep: (id: number) => void }) {
  const client = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  // While another choice is read, the preview shown may be the previous one: the form waits for the matching one.
  const current = preview.kept.personId === keptId;
  const byId = new Map([preview.kept, preview.merged].map((d) => [d.personId, d]));
  const moves = recordLines(preview.moves);
  const refused = preview.refusals.length > 0;

  const merge = async () => {
    setPending(true);
    setError(undefined);
    try {
      const result = await client.call('merge.apply', { keptPersonId: preview.kept.personId, mergedPersonId: preview.merged.personId, confirm: true });
      const total = Object.values(result.moved).reduce((n, v) => n + v, 0);
      notify(`Dossiers fusionnés : ${plural(total, 'enregistrement rattaché', 'enregistrements rattachés')} au dossier n° ${result.keptPersonId}. La fusion est inscrite au journal.`);
      setConfirming(false);
      void navigate(paths.dossier(result.keptPersonId));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Page title={TITLE} breadcrumbs={CRUMBS}>
      <Stack spacing={3}>
        <FormControl>
          <FormLabel id="fusion-conserve">Dossier à conserver</FormLabel>
          <RadioGroup aria-labelledby="fusion-conserve" value={String(keptId)} onChange={(e) => onKeep(Number(e.target.value))}>
            {pairIds.map((id) => (
              <FormControlLabel
                key={id}
                value={String(id)}
                control={<Radio />}
                label={`Dossier n° ${id}${byId.get(id) ? ` : ${byId.get(id)!.name}` : ''}`}
              />
            ))}
          </RadioGroup>
        </FormControl>
        <IdentityTable
          label="Dossier conservé et dossier fusionné, côte à côte"
          sides={[
            { heading: `Dossier conservé (n° ${preview.kept.personId})`, values: dossierValues(preview.kept) },
            { heading: `Dossier fusionné (n° ${preview.merged.personId})`, values: dossierValues(preview.merged) },
          ]}
        />
        <Stack component="section" spacing={1} aria-labelledby="fusion-effets">
          <Typography id="fusion-effets" variant="h2">
            Ce que fait la fusion
          </Typography>
          <ul>
            {MERGE_EFFECTS.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <Typography variant="h3">Rattaché au dossier conservé</Typography>
          {moves.length === 0 ? (
            <Typography>Le dossier fusionné n’a aucun enregistrement.</Typography>
          ) : (
            <ul aria-label="Enregistrements rattachés au dossier conservé">
              {moves.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </Stack>
        {refused ? (
          <Alert severity="error" role="alert">
            <Typography component="p">La fusion n’est pas possible :</Typography>
            <ul>
              {preview.refusals.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <div>
          <Button variant="contained" color="warning" disabled={refused || !current} onClick={() => setConfirming(true)}>
            Fusionner les deux dossiers
          </Button>
        </div>
      </Stack>
      <ConfirmDialog
        open={confirming}
        title="Fusionner les deux dossiers ?"
        confirmLabel="Fusionner"
        danger
        pending={pending}
        error={error}
        onConfirm={() => void merge()}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      >
        Le dossier n° {preview.merged.personId} ({preview.merged.name}) sera fusionné dans le dossier n° {preview.kept.personId} ({preview.kept.name}). Cette
        fusion ne s’annule pas.
      </ConfirmDialog>
    </Page>
  );
}
