import { useEffect, useId, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import type { EpSession, EpSessionItem } from '../../../../shared/api/ep';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import { LoadError, Loading } from '../../kit/status';
import { AttendancePanel } from './AttendancePanel';
import { CasesPanel } from './CaseForms';
import { DeadlineFlag, FormDialog, ReasonField, Section, usePendingWrite } from './common';
import { epPaths } from '../../kit/paths';
import { CASE_STAGE_LABELS, caseStage, sessionView, type SessionView } from './sessionModel';
import { SessionDocuments } from './SessionDocuments';
import { CancelledPanel, CancelOffer } from './SessionCancel';
import type { RunSessionWrite } from './sessionWrite';
import { formatDate, personName, plural } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';
import { sessionAtLeast } from '../../../../shared/domain/rules/ep-sessions';

/** One session: state and next step, ordre du jour, documents, attendance, avis and decisions. */
export function SessionPage() {
  const sessionId = Number(useParams().sessionId);
  const valid = Number.isInteger(sessionId) && sessionId > 0;
  const query = useApiQuery('ep.sessions.get', { sessionId: valid ? sessionId : 1 }, { enabled: valid });
  const [session, setSession] = useState<EpSession>();
  useEffect(() => {
    if (query.data) setSession(query.data);
  }, [query.data]);
  const manager = useCan('ep.sessions.advance');
  const api = useApi();
  const notify = useNotify();

  const run: RunSessionWrite = async (method, input, done) => {
    const next = (await api.call(method, input)) as EpSession;
    setSession(next);
    if (done) notify(done);
  };

  const title = session ? `Séance du ${formatDate(session.date)}` : 'Séance de l’équipe pluridisciplinaire';
  const view = session ? sessionView(session, manager) : null;
  return (
    <Page
      title={title}
      breadcrumbs={[{ label: 'Équipes pluridisciplinaires', to: epPaths.home }, { label: title }]}
      subtitle={
        session ? (
          <Typography color="text.secondary">
            {session.place}, à partir de {session.startTime} — {session.territory}
          </Typography>
        ) : null
      }
    >
      {!valid ? <Alert severity="error">Cette séance n’existe pas.</Alert> : null}
      {query.error ? <LoadError error={query.error} onRetry={query.reload} /> : null}
      {valid && !session && !query.error ? <Loading>Chargement de la séance…</Loading> : null}
      {session && view ? (
        <>
          {view.can.cancel ? <CancelOffer session={session} onCancelled={setSession} /> : null}
          {session.status === 'annulee' ? <CancelledPanel session={session} /> : null}
          <StatePanel session={session} view={view} run={run} />
          <AgendaPanel session={session} view={view} run={run} />
          {view.can.documents ? <SessionDocuments session={session} /> : null}
          {sessionAtLeast(session.status, 'tenue') ? (
            <>
              <AttendancePanel session={session} editable={view.can.attendance} run={run} />
              <CasesPanel session={session} view={view} run={run} />
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function StatePanel({ session, view, run }: { session: EpSession; view: SessionView; run: RunSessionWrite }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const blockersId = useId();
  const advance = async () => {
    if (!view.next) return;
    setPending(true);
    setError(undefined);
    try {
      await run('ep.sessions.advance', { sessionId: session.id, to: view.next.state }, `Séance à l’étape « ${session.next?.label ?? ''} ».`);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <Section id="ep-session-state" title="Avancement de la séance">
      <Typography sx={{ fontWeight: 700 }} data-testid="session-state">
        État : {view.stateLabel}
      </Typography>
      <List dense aria-label="Étapes de la séance" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, p: 0 }}>
        {view.steps.map((s) => (
          <ListItem key={s.state} sx={{ width: 'auto', gap: 0.5, border: 1, borderColor: 'divider', borderRadius: 1 }} aria-current={s.status === 'en_cours' ? 'step' : undefined}>
            {s.status === 'fait' ? <CheckIcon fontSize="small" aria-hidden /> : s.status === 'en_cours' ? <ArrowForwardIcon fontSize="small" aria-hidden /> : <RadioButtonUncheckedIcon fontSize="small" aria-hidden />}
            <span>
              {s.label}
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {s.status === 'fait' ? ' (faite)' : s.status === 'en_cours' ? ' (étape actuelle)' : ' (à venir)'}
              </Box>
            </span>
          </ListItem>
        ))}
      </List>
      {view.next ? (
        <Box sx={{ mt: 2 }}>
          <Button variant="contained" onClick={() => void advance()} disabled={pending || view.next.blocked} aria-describedby={view.next.blocked ? blockersId : undefined}>
            {view.next.action}
          </Button>
          {view.next.blocked ? (
            <Alert severity="warning" sx={{ mt: 1 }} id={blockersId}>
              <AlertTitle>Pour passer à l’étape « {session.next?.label} » :</AlertTitle>
              <ul aria-label="Ce qui manque pour l’étape suivante" style={{ margin: 0, paddingLeft: '1.25rem' }}>
                {view.next.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {error ? (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {error}
            </Alert>
          ) : null}
        </Box>
      ) : null}
    </Section>
  );
}

function AgendaPanel({ session, view, run }: { session: EpSession; view: SessionView; run: RunSessionWrite }) {
  const [inscribing, setInscribing] = useState(false);
  const [removing, setRemoving] = useState<EpSessionItem | null>(null);
  const [error, setError] = useState<string>();
  const recompute = async () => {
    setError(undefined);
    try {
      await run('ep.sessions.assignSlots', { sessionId: session.id }, 'Horaires recalculés.');
    } catch (e) {
      setError(toApiError(e).message);
    }
  };
  return (
    <Section
      id="ep-session-agenda"
      title="Ordre du jour"
      actions={
        view.can.editAgenda ? (
          <>
            <Button variant="contained" onClick={() => setInscribing(true)}>
              Inscrire des saisines
            </Button>
            {view.activeItems.length > 0 ? (
              <Button variant="outlined" onClick={() => void recompute()}>
                Recalculer les horaires
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {plural(session.slotConfig.casesPerSlot, 'dossier', 'dossiers')} par créneau de {plural(session.slotConfig.slotMinutes, 'minute', 'minutes')} à partir de {session.slotConfig.startTime}
        {session.slotConfig.lunchStart ? `, pause de ${session.slotConfig.lunchStart} à ${session.slotConfig.lunchEnd ?? ''}` : ', sans pause déjeuner'}.
      </Typography>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {error}
        </Alert>
      ) : null}
      {view.activeItems.length === 0 ? <Typography>Aucun dossier n’est inscrit à l’ordre du jour.</Typography> : null}
      {view.activeItems.length > 0 ? (
        <ScrollTable label="Dossiers inscrits à l’ordre du jour" size="small">
          <TableHead>
            <TableRow>
              <TableCell>N°</TableCell>
              <TableCell>Horaire</TableCell>
              <TableCell>Bénéficiaire</TableCell>
              <TableCell>Saisine</TableCell>
              <TableCell>Échéance de l’avis</TableCell>
              <TableCell>Suivi</TableCell>
              {view.can.removeItems ? <TableCell>Actions</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {view.activeItems.map((item, i) => (
              <TableRow key={item.itemId}>
                <TableCell>{i + 1}</TableCell>
                <TableCell>{view.can.editAgenda ? <SlotEditor session={session} item={item} run={run} /> : (item.slotStart ?? 'À fixer')}</TableCell>
                <TableCell>
                  <Link component={RouterLink} to={epPaths.dossier(item.person.personId)}>
                    {personName(item.person)}
                  </Link>
                </TableCell>
                <TableCell>
                  {item.originLabel}
                  <Typography variant="body2" color="text.secondary">
                    {item.theme}
                  </Typography>
                </TableCell>
                <TableCell>{formatDate(item.avisDeadline)}</TableCell>
                <TableCell>{CASE_STAGE_LABELS[caseStage(item)]}</TableCell>
                {view.can.removeItems ? (
                  <TableCell>
                    {!item.avis ? (
                      <Button size="small" onClick={() => setRemoving(item)} aria-label={`Reporter ou retirer le dossier de ${personName(item.person)}`}>
                        Reporter ou retirer
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      ) : null}
      {view.removedItems.length > 0 ? (
        <>
          <Typography variant="h3" sx={{ fontSize: '1.1rem', mt: 2 }}>
            Dossiers reportés ou retirés
          </Typography>
          <ul>
            {view.removedItems.map((item) => (
              <li key={item.itemId}>
                {personName(item.person)} — {CASE_STAGE_LABELS[caseStage(item)]} : {item.removalReason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {inscribing ? <InscribeDialog session={session} run={run} onClose={() => setInscribing(false)} /> : null}
      {removing ? <RemoveDialog session={session} item={removing} run={run} onClose={() => setRemoving(null)} /> : null}
    </Section>
  );
}

function SlotEditor({ session, item, run }: { session: EpSession; item: EpSessionItem; run: RunSessionWrite }) {
  const [value, setValue] = useState(item.slotStart ?? '');
  const [error, setError] = useState<string>();
  useEffect(() => setValue(item.slotStart ?? ''), [item.slotStart]);
  const name = personName(item.person);
  const save = async () => {
    setError(undefined);
    try {
      await run('ep.sessions.setSlot', { sessionId: session.id, itemId: item.itemId, slotStart: value }, `Horaire de ${name} : ${value}.`);
    } catch (e) {
      const err = toApiError(e);
      setError(err.fieldErrors?.slotStart ?? err.message);
    }
  };
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}
    >
      <TextField
        type="time"
        size="small"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': `Horaire de passage de ${name}` } }}
        error={!!error}
        helperText={error}
        sx={{ width: 130 }}
      />
      {value !== (item.slotStart ?? '') ? (
        <Button type="submit" size="small" aria-label={`Enregistrer l’horaire de ${name}`}>
          OK
        </Button>
      ) : null}
    </Box>
  );
}

function InscribeDialog({ session, run, onClose }: { session: EpSession; run: RunSessionWrite; onClose: () => void }) {
  const queue = useApiQuery('ep.queue', {});
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const submit = async () => {
    setPending(true);
    setError(undefined);
    try {
      await run('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: selected }, `${plural(selected.length, 'saisine inscrite', 'saisines inscrites')} à l’ordre du jour.`);
      onClose();
    } catch (e) {
      const err = toApiError(e);
      setError(err.fieldErrors?.saisineIds ?? err.message);
    } finally {
      setPending(false);
    }
  };
  const items = queue.data ?? [];
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <DialogTitle id={titleId}>Inscrire des saisines à l’ordre du jour</DialogTitle>
      <DialogContent>
        {queue.error ? <LoadError error={queue.error} onRetry={queue.reload} /> : null}
        {queue.loading && !queue.data ? <Loading>Chargement des saisines…</Loading> : null}
        {queue.data && items.length === 0 ? <Typography>Aucune saisine n’attend d’être inscrite.</Typography> : null}
        {items.length > 0 ? (
          <ScrollTable label="Saisines à inscrire, échéance la plus proche d’abord" size="small">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={selected.length === items.length}
                    indeterminate={selected.length > 0 && selected.length < items.length}
                    onChange={(e) => setSelected(e.target.checked ? items.map((q) => q.saisineId) : [])}
                    slotProps={{ input: { 'aria-label': 'Tout sélectionner' } }}
                  />
                </TableCell>
                <TableCell>Échéance</TableCell>
                <TableCell>Délai</TableCell>
                <TableCell>Bénéficiaire</TableCell>
                <TableCell>Saisine</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((q) => (
                <TableRow key={q.saisineId} selected={selected.includes(q.saisineId)}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.includes(q.saisineId)}
                      onChange={() => toggle(q.saisineId)}
                      slotProps={{ input: { 'aria-label': `Inscrire ${personName(q.person)} — ${q.originLabel}` } }}
                    />
                  </TableCell>
                  <TableCell>{formatDate(q.avisDeadline)}</TableCell>
                  <TableCell>
                    <DeadlineFlag item={q} />
                  </TableCell>
                  <TableCell>{personName(q.person)}</TableCell>
                  <TableCell>
                    {q.originLabel}
                    <Typography variant="body2" color="text.secondary">
                      {q.theme}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        ) : null}
        <Typography role="status" sx={{ mt: 1 }}>
          {plural(selected.length, 'saisine sélectionnée', 'saisines sélectionnées')}.
        </Typography>
        {error ? (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={pending || selected.length === 0}>
          Inscrire la sélection
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function RemoveDialog({ session, item, run, onClose }: { session: EpSession; item: EpSessionItem; run: RunSessionWrite; onClose: () => void }) {
  const [status, setStatus] = useState<'reporte' | 'retire'>('reporte');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const write = usePendingWrite((e) => {
    const err = toApiError(e);
    setError(err.fieldErrors?.reason ?? err.message);
  });
  const name = personName(item.person);
  const submit = () =>
    write.run(async () => {
      setError(undefined);
      await run('ep.sessions.removeItem', { sessionId: session.id, itemId: item.itemId, status, reason }, status === 'reporte' ? `Dossier de ${name} reporté.` : `Dossier de ${name} retiré.`);
      onClose();
    });
  return (
    <FormDialog
      title={`Reporter ou retirer le dossier de ${name}`}
      submitLabel={status === 'reporte' ? 'Reporter le dossier' : 'Retirer le dossier'}
      pending={write.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      <TextField select label="Mesure" value={status} onChange={(e) => setStatus(e.target.value as 'reporte' | 'retire')} slotProps={{ select: { native: true } }}>
        <option value="reporte">Reporter à une prochaine séance</option>
        <option value="retire">Retirer de l’ordre du jour</option>
      </TextField>
      <ReasonField label="Motif" value={reason} onChange={setReason} error={error} help="La saisine retourne dans la file d’attente avec ce motif." />
    </FormDialog>
  );
}
