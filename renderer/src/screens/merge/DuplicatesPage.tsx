import { useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { DossierPair as Pair, ImportDuplicate } from '../../../../shared/api/merge';
import { formatDateTime, plural } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { mergePaths, paths } from '../../kit/paths';
import { Loaded } from '../../kit/status';
import { dossierValues, IdentityTable, lineValues } from './IdentityTable';

const TITLE = 'Doublons à vérifier';

/**
 * Doublons à vérifier (correspondants, administrators): the import lines that may be an existing dossier, each with
 * both identities side by side and the two answers; then the pairs of dossiers of the MDS with the same identity,
 * each with « Fusionner… » (the merge screen) and « Ce ne sont pas les mêmes personnes » (after a confirmation: the
 * pair is no longer offered). An answer is a write: the list is read again after it.
 */
export function DuplicatesPage() {
  const list = useApiQuery('duplicates.list', {});
  return (
    <Loaded title={TITLE} error={list.error} loading={!list.data} onRetry={list.reload} what="des doublons à vérifier">
      {() => (
        <Page title={TITLE}>
          <Stack spacing={4}>
            <Typography>
              Deux identités sont rapprochées quand le nom (de naissance ou d’usage), le premier prénom et la date de naissance sont les mêmes, sans
              tenir compte des accents, des majuscules, des traits d’union ni des particules (« de », « la », « d’ »…). C’est à vous de dire s’il
              s’agit de la même personne.
            </Typography>
            <ImportLines lines={list.data!.imports} />
            <DossierPairs data={list.data!} />
          </Stack>
        </Page>
      )}
    </Loaded>
  );
}

function ImportLines({ lines }: { lines: readonly ImportDuplicate[] }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <Stack component="section" spacing={2} aria-labelledby="doublons-imports">
      <Typography id="doublons-imports" variant="h2" ref={headingRef} tabIndex={-1}>
        Lignes d’import à vérifier
      </Typography>
      {lines.length === 0 ? (
        <Alert severity="success">Aucune ligne d’import n’attend de réponse.</Alert>
      ) : (
        <>
          <Typography>{plural(lines.length, 'ligne attend', 'lignes attendent')} votre réponse.</Typography>
          {lines.map((l) => (
            <ImportLine key={l.rowId} line={l} onAnswered={() => headingRef.current?.focus()} />
          ))}
        </>
      )}
    </Stack>
  );
}

/** An answer sent to main: pending while it runs, its French message notified, or its refusal kept to show. */
function useAnswer(onAnswered: () => void) {
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const send = async (answer: () => Promise<{ message: string }>) => {
    setPending(true);
    setError(undefined);
    try {
      notify((await answer()).message);
      onAnswered();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return { pending, error, setError, send };
}

function ImportLine({ line: l, onAnswered }: { line: ImportDuplicate; onAnswered: () => void }) {
  const client = useApi();
  const { pending, error, send } = useAnswer(onAnswered);
  const headingId = `doublon-ligne-${l.rowId}`;
  const answer = (resolution: 'confirme' | 'refuse') => send(() => client.call('duplicates.resolve', { rowId: l.rowId, resolution }));
  return (
    <Stack component="article" spacing={1} aria-labelledby={headingId} sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}>
      <Typography id={headingId} variant="h3">
        Ligne {l.line} du fichier « {l.fileName} »
      </Typography>
      <Typography>
        {l.kindLabel}, importé le {formatDateTime(l.importedAt)}.{l.reason ? ` ${l.reason}` : ''}
      </Typography>
      <IdentityTable
        label={`Ligne ${l.line} et dossier existant, côte à côte`}
        sides={[
          { heading: 'Ligne du fichier', values: lineValues(l.lineIdentity) },
          {
            heading: (
              <Link component={RouterLink} to={paths.dossier(l.candidate.personId)}>
                Dossier existant n° {l.candidate.personId}
              </Link>
            ),
            values: dossierValues(l.candidate),
          },
        ]}
      />
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="outlined" disabled={pending} onClick={() => void answer('refuse')}>
          Ce n’est pas la même personne
        </Button>
        <Button variant="contained" disabled={pending} onClick={() => void answer('confirme')}>
          C’est la même personne
        </Button>
      </Stack>
    </Stack>
  );
}

function DossierPairs({ data }: { data: MethodOutput<'duplicates.list'> }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <Stack component="section" spacing={2} aria-labelledby="doublons-dossiers">
      <Typography id="doublons-dossiers" variant="h2" ref={headingRef} tabIndex={-1}>
        Dossiers en double possible
      </Typography>
      {data.dossiers.length === 0 ? (
        <Alert severity="success">Aucun dossier de la MDS n’a la même identité qu’un autre.</Alert>
      ) : (
        <Typography>
          {plural(data.dossiers.length, 'paire de dossiers', 'paires de dossiers')}
          {data.truncated ? ' (les premières seulement : fusionnez-les, ou dites que ce ne sont pas les mêmes personnes, pour voir les suivantes)' : ''}. Fusionner garde les deux historiques.
        </Typography>
      )}
      {data.dossiers.map((pair) => (
        <DossierPair key={`${pair.a.personId}-${pair.b.personId}`} pair={pair} onDismissed={() => headingRef.current?.focus()} />
      ))}
    </Stack>
  );
}

function DossierPair({ pair: { a, b }, onDismissed }: { pair: Pair; onDismissed: () => void }) {
  const client = useApi();
  const [confirming, setConfirming] = useState(false);
  const { pending, error, setError, send } = useAnswer(() => {
    setConfirming(false);
    onDismissed();
  });
  const headingId = `doublon-paire-${a.personId}-${b.personId}`;
  const dismiss = () => send(() => client.call('duplicates.dismissPair', { personAId: a.personId, personBId: b.personId }));
  return (
    <Stack component="article" spacing={1} aria-labelledby={headingId} sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}>
      <Typography id={headingId} variant="h3">
        Dossiers n° {a.personId} et n° {b.personId}
      </Typography>
      <IdentityTable
        label={`Dossiers n° ${a.personId} et n° ${b.personId}, côte à côte`}
        sides={[a, b].map((d) => ({
          heading: (
            <Link component={RouterLink} to={paths.dossier(d.personId)}>
              Dossier n° {d.personId}
            </Link>
          ),
          values: dossierValues(d),
        }))}
      />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="outlined" component={RouterLink} to={mergePaths.merge(a.personId, b.personId)} aria-describedby={headingId}>
          Fusionner…
        </Button>
        <Button variant="outlined" aria-describedby={headingId} onClick={() => setConfirming(true)}>
          Ce ne sont pas les mêmes personnes
        </Button>
      </Stack>
      <ConfirmDialog
        open={confirming}
        title="Ce ne sont pas les mêmes personnes ?"
        confirmLabel="Ce sont deux personnes différentes"
        pending={pending}
        error={error}
        onConfirm={() => void dismiss()}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      >
        Les dossiers n° {a.personId} ({a.name}) et n° {b.personId} ({b.name}) ne seront plus proposés comme doublons l’un de l’autre. Les deux dossiers ne
        changent pas.
      </ConfirmDialog>
    </Stack>
  );
}
