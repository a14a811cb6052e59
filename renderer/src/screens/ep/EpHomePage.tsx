import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { EpQueueItem } from '../../../../shared/api/ep';
import { useApiQuery } from '../../api/ApiContext';
import { ExportButton } from '../../kit/ExportButton';
import { useCan } from '../../kit/permissions';
import { Page } from '../../kit/Page';
import { LoadError, Loading } from '../../kit/status';
import { DeadlineFlag, Section } from './common';
import { epPaths } from '../../kit/paths';
import { formatDate, personName } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

/** « Équipes pluridisciplinaires »: the sessions, the saisines waiting for one, the EP's composition. */
export function EpHomePage() {
  const canManage = useCan('ep.sessions.create');
  const ep = useApiQuery('ep.get', {});
  const sessions = useApiQuery('ep.sessions.list', {}, { enabled: !!ep.data });
  const queue = useApiQuery('ep.queue', {});
  return (
    <Page
      title="Équipes pluridisciplinaires"
      actions={
        <>
          <Button component={RouterLink} to={epPaths.team} variant="outlined">
            Composition de l’équipe
          </Button>
          {canManage ? (
            <Button component={RouterLink} to={epPaths.newSession} variant="contained">
              Nouvelle séance
            </Button>
          ) : null}
        </>
      }
      subtitle={
        ep.data ? (
          <Typography color="text.secondary">
            {ep.data.name} — territoire {ep.data.territory}
          </Typography>
        ) : null
      }
    >
      {ep.data === null ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          L’équipe pluridisciplinaire du territoire n’est pas encore constituée : renseignez son nom et ses membres dans « Composition de l’équipe ».
        </Alert>
      ) : null}
      <Section id="ep-sessions" title="Séances" actions={sessions.data && sessions.data.length > 0 ? <ExportButton request={{ list: 'ep_seances', params: {} }} label="Exporter les séances" /> : null}>
        {sessions.error ? <LoadError error={sessions.error} onRetry={sessions.reload} /> : null}
        {ep.data && sessions.loading && !sessions.data ? <Loading>Chargement des séances…</Loading> : null}
        {ep.data === null || (sessions.data && sessions.data.length === 0) ? <Typography>Aucune séance n’est encore programmée.</Typography> : null}
        {sessions.data && sessions.data.length > 0 ? (
          <ScrollTable label="Séances de l’équipe pluridisciplinaire" size="small">
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell>
                <TableCell>Heure</TableCell>
                <TableCell>Lieu</TableCell>
                <TableCell>État</TableCell>
                <TableCell align="right">Dossiers</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sessions.data.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link component={RouterLink} to={epPaths.session(s.id)}>
                      Séance du {formatDate(s.date)}
                    </Link>
                  </TableCell>
                  <TableCell>{s.startTime}</TableCell>
                  <TableCell>{s.place}</TableCell>
                  <TableCell>{s.statusLabel}</TableCell>
                  <TableCell align="right">{s.cases}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollTable>
        ) : null}
      </Section>
      <Section id="ep-queue" title="Saisines en attente d’une séance" actions={queue.data && queue.data.length > 0 ? <ExportButton request={{ list: 'ep_file', params: {} }} label="Exporter les saisines en attente" /> : null}>
        {queue.error ? <LoadError error={queue.error} onRetry={queue.reload} /> : null}
        {queue.loading && !queue.data ? <Loading>Chargement des saisines…</Loading> : null}
        {queue.data ? <QueueTable items={queue.data} /> : null}
      </Section>
    </Page>
  );
}

/** The saisines waiting for a session, the nearest avis deadline first. */
export function QueueTable({ items }: { items: readonly EpQueueItem[] }) {
  if (items.length === 0) return <Typography>Aucune saisine n’attend d’être inscrite à une séance.</Typography>;
  return (
    <ScrollTable label="Saisines en attente, échéance la plus proche d’abord" size="small">
      <TableHead>
        <TableRow>
          <TableCell>Échéance de l’avis</TableCell>
          <TableCell>Délai</TableCell>
          <TableCell>Bénéficiaire</TableCell>
          <TableCell>Saisine</TableCell>
          <TableCell>Documents</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((q) => (
          <TableRow key={q.saisineId}>
            <TableCell>{formatDate(q.avisDeadline)}</TableCell>
            <TableCell>
              <DeadlineFlag item={q} />
            </TableCell>
            <TableCell>
              <Link component={RouterLink} to={epPaths.dossier(q.person.personId)}>
                {personName(q.person)}
              </Link>
              <Typography variant="body2" color="text.secondary">
                N° CAF {q.person.cafNumber}
              </Typography>
            </TableCell>
            <TableCell>
              {q.originLabel}
              <Typography variant="body2" color="text.secondary">
                {q.theme} — saisie le {formatDate(q.date)}
              </Typography>
              {q.lastRemoval ? (
                <Typography variant="body2">
                  {q.lastRemoval.status === 'reporte' ? 'Reportée' : 'Retirée'} de la séance du {formatDate(q.lastRemoval.sessionDate)} : {q.lastRemoval.reason}
                </Typography>
              ) : null}
            </TableCell>
            <TableCell>
              {q.documents.length === 0 ? (
                'Aucun'
              ) : (
                <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                  {q.documents.map((d) => (
                    <li key={d.attachmentId}>{d.label ?? d.fileName}</li>
                  ))}
                </ul>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
