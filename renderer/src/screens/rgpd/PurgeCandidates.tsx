import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../../shared/api/contract';
import type { PurgeCandidate } from '../../../../shared/api/rgpd';
import { formatDate, plural, pluralForm } from '../../../../shared/domain/format';
import { toApiError, useApi } from '../../api/ApiContext';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { useNotify } from '../../kit/notifications';
import { paths } from '../../kit/paths';
import { ScrollTable } from '../../kit/ScrollRegion';

export type Candidates = MethodOutput<'rgpd.purgeCandidates'>;

/** How many names the confirmation lists before « et N autres ». */
const NAMES_SHOWN = 8;

/** What an anonymisation erases and keeps (docs/rules.md « Issue 13 — RGPD », Purge), as the confirmation says it. */
export const ERASED = [
  'l’identité : noms et prénoms (remplacés par « Personne anonymisée n° … »), jour et mois de naissance, téléphones, adresse e-mail, N° France Travail ;',
  'le N° allocataire CAF, l’adresse (rue) et les prénoms des enfants, quand plus personne du foyer ne reste ;',
  'tous les textes libres : commentaires, motifs, contenu des contrats et des PAP, bilans, réponses des fiches de liaison, notes des rendez-vous… ;',
  'le contenu des pièces jointes et des documents PDF archivés, et les brouillons qui nomment la personne ;',
  'les valeurs avant / après des lignes du journal sur ces dossiers.',
] as const;
export const KEPT = [
  'les dates, les codes et les montants (orientations, contrats, EDE, fiches, décisions, sanctions…) et le nombre d’enregistrements, pour les statistiques ;',
  'l’année de naissance, le code postal et la commune ;',
  'les lignes du journal (qui, quand, quoi), et la trace de cette anonymisation.',
] as const;

/**
 * The dossiers of the MDS due for anonymisation: the reason and the dates of each, those blocked (a procedure in
 * progress) shown with why and not selectable; the administrator checks some and confirms. Never automatic.
 */
export function PurgeCandidates({ data }: { data: Candidates }) {
  const client = useApi();
  const notify = useNotify();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [confirming, setConfirming] = useState(false);
  /** The dossiers the dialog asks about (kept while it closes). */
  const [toConfirm, setToConfirm] = useState<readonly PurgeCandidate[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [purges, setPurges] = useState(0);

  const selectable = data.candidates.filter((c) => c.blocker === null);
  const selected = selectable.filter((c) => checked.has(c.personId));
  const blocked = data.candidates.length - selectable.length;

  // After a purge the dialog's button may be gone (nothing left to select): the focus goes to the list's heading.
  // Runs after the dialog has restored the focus (its cleanup runs before this effect).
  useEffect(() => {
    if (purges > 0) headingRef.current?.focus();
  }, [purges]);

  const toggle = (personId: number, on: boolean) =>
    setChecked((all) => {
      const next = new Set(all);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });

  const purge = async () => {
    setPending(true);
    setError(undefined);
    try {
      const result = await client.call('rgpd.purge', { personIds: toConfirm.map((c) => c.personId), confirm: true });
      notify(
        `${plural(result.purged, 'dossier anonymisé', 'dossiers anonymisés')} (${plural(result.foyers, 'foyer', 'foyers')}, ${plural(result.auditLines, 'ligne du journal', 'lignes du journal')}). L’anonymisation est inscrite au journal.`,
      );
      setChecked(new Set());
      setConfirming(false);
      setPurges((n) => n + 1);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };

  const allChecked = selectable.length > 0 && selected.length === selectable.length;
  return (
    <Stack component="section" spacing={2} aria-labelledby="rgpd-candidats">
      <Typography id="rgpd-candidats" variant="h2" ref={headingRef} tabIndex={-1}>
        Dossiers à anonymiser
      </Typography>
      <Typography>
        Un dossier est à anonymiser quand les durées de conservation sont écoulées depuis la fin du RSA connue ou, à défaut, depuis sa dernière activité.
        Rien n’est anonymisé sans votre confirmation ; un dossier dont une procédure est en cours est bloqué.
      </Typography>
      <Typography>
        {plural(data.inIntermediateArchive, 'dossier', 'dossiers')} {pluralForm(data.inIntermediateArchive, 'est', 'sont')} en archivage intermédiaire
        (conservés, plus en usage courant).
      </Typography>
      {data.candidates.length === 0 ? (
        <Alert severity="success">Aucun dossier n’est à anonymiser au {formatDate(data.today)}.</Alert>
      ) : (
        <>
          <Typography>
            Au {formatDate(data.today)} : {plural(data.candidates.length, 'dossier à anonymiser', 'dossiers à anonymiser')}
            {blocked > 0 ? `, dont ${plural(blocked, 'bloqué', 'bloqués')}` : ''}.
          </Typography>
          <ScrollTable label="Dossiers à anonymiser" size="small">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={allChecked}
                    indeterminate={selected.length > 0 && !allChecked}
                    disabled={selectable.length === 0}
                    onChange={(e) => setChecked(new Set(e.target.checked ? selectable.map((c) => c.personId) : []))}
                    slotProps={{ input: { 'aria-label': 'Sélectionner tous les dossiers qui peuvent être anonymisés' } }}
                  />
                </TableCell>
                <TableCell scope="col">Bénéficiaire</TableCell>
                <TableCell scope="col">N° CAF</TableCell>
                <TableCell scope="col">Dernière activité</TableCell>
                <TableCell scope="col">Fin du RSA</TableCell>
                <TableCell scope="col">À anonymiser depuis le</TableCell>
                <TableCell scope="col">Motif</TableCell>
                <TableCell scope="col">État</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.candidates.map((c) => (
                <CandidateRow key={c.personId} candidate={c} checked={checked.has(c.personId)} onToggle={toggle} />
              ))}
            </TableBody>
          </ScrollTable>
          <Box>
            <Button
              variant="contained"
              color="error"
              disabled={selected.length === 0}
              onClick={() => {
                setToConfirm(selected);
                setConfirming(true);
              }}
            >
              Anonymiser la sélection{selected.length > 0 ? ` (${selected.length})` : ''}
            </Button>
          </Box>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Anonymiser ${plural(toConfirm.length, 'dossier', 'dossiers')} ?`}
        confirmLabel="Anonymiser définitivement"
        danger
        pending={pending}
        error={error}
        onConfirm={() => void purge()}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      >
        <PurgeSummary selected={toConfirm} />
      </ConfirmDialog>
    </Stack>
  );
}

function CandidateRow({ candidate: c, checked, onToggle }: { candidate: PurgeCandidate; checked: boolean; onToggle: (personId: number, on: boolean) => void }) {
  const stateId = `rgpd-etat-${c.personId}`;
  return (
    <TableRow selected={checked} sx={{ verticalAlign: 'top' }}>
      <TableCell padding="checkbox">
        <Checkbox
          checked={checked}
          disabled={c.blocker !== null}
          onChange={(e) => onToggle(c.personId, e.target.checked)}
          slotProps={{ input: { 'aria-label': `Anonymiser le dossier de ${c.name}`, 'aria-describedby': stateId } }}
        />
      </TableCell>
      <TableCell component="th" scope="row">
        <Link component={RouterLink} to={paths.dossier(c.personId)}>
          {c.name}
        </Link>
      </TableCell>
      <TableCell>{c.cafNumber}</TableCell>
      <TableCell>
        {formatDate(c.lastActivity)} ({c.lastActivityWhat})
      </TableCell>
      <TableCell>{c.rsaEnd ? `Radiation au ${formatDate(c.rsaEnd)}` : 'Non connue'}</TableCell>
      <TableCell>{formatDate(c.dueSince)}</TableCell>
      <TableCell sx={{ minWidth: 280 }}>{c.reason}</TableCell>
      <TableCell id={stateId} sx={{ minWidth: 220 }}>
        {c.blocker === null ? (
          'Peut être anonymisé'
        ) : (
          <>
            <Typography component="strong" sx={{ fontWeight: 700 }}>
              Bloqué
            </Typography>{' '}
            : {c.blocker}
          </>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The confirmation: which dossiers, what is erased, what is kept, and that it cannot be undone. */
function PurgeSummary({ selected }: { selected: readonly PurgeCandidate[] }) {
  const names = selected.slice(0, NAMES_SHOWN).map((c) => `${c.name} (N° CAF ${c.cafNumber})`);
  const others = selected.length - names.length;
  return (
    <>
      <p>
        Dossiers : {names.join(', ')}
        {others > 0 ? ` et ${plural(others, 'autre', 'autres')}` : ''}.
      </p>
      <Listed title="Sont effacés" items={ERASED} />
      <Listed title="Sont gardés" items={KEPT} />
      <p>
        <strong>L’anonymisation est définitive : elle ne peut pas être annulée.</strong> Elle est inscrite au journal (qui, quand, combien de dossiers).
      </p>
    </>
  );
}

function Listed({ title, items }: { title: string; items: readonly string[] }) {
  return (
    <>
      <p>
        <strong>{title}</strong>
      </p>
      <Box component="ul" sx={{ mt: 0 }}>
        {items.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </Box>
    </>
  );
}
