import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import type { EpSession } from '../../../../shared/api/ep';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES, quorum, type AttendanceStatus } from '../../../../shared/domain/rules/ep-sessions';
import { toApiError } from '../../api/ApiContext';
import { Section } from './common';
import type { RunSessionWrite } from './sessionWrite';
import { ScrollTable } from '../../kit/ScrollRegion';
import { plural } from '../../../../shared/domain/format';

interface Row {
  memberId: number;
  status: AttendanceStatus | '';
  replacedBy: string;
}

/** Attendance grid (présent / excusé / remplacé par… / absent) with the quorum, recomputed as you tick. */
export function AttendancePanel({ session, editable, run }: { session: EpSession; editable: boolean; run: RunSessionWrite }) {
  const fromSession = (): Row[] =>
    session.attendance.map((a) => ({ memberId: a.memberId, status: a.status ?? '', replacedBy: a.replacedBy ?? '' }));
  const [rows, setRows] = useState<Row[]>(fromSession);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Read again when what is saved changes (another desk, this one's save), not on every re-read of the session: a
  // live update or any write elsewhere re-reads it, and the ticks being made must stay.
  const saved = JSON.stringify(session.attendance);
  useEffect(() => setRows(fromSession()), [saved]);

  const set = (memberId: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.memberId === memberId ? { ...r, ...patch } : r)));
  const live = quorum(
    rows.length,
    rows.map((r) => r.status).filter((s): s is AttendanceStatus => s !== ''),
  );

  const save = async () => {
    setPending(true);
    setError(undefined);
    const missing: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (r.status === '') missing[`attendance.${i}.status`] = 'Choisissez la présence';
    });
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setError('Indiquez la présence de chaque membre.');
      setPending(false);
      document.querySelector<HTMLInputElement>(`[name="attendance-${rows.find((r) => r.status === '')?.memberId}"]`)?.focus();
      return;
    }
    try {
      await run(
        'ep.sessions.recordAttendance',
        {
          sessionId: session.id,
          attendance: rows.map((r) => ({ memberId: r.memberId, status: r.status as AttendanceStatus, replacedBy: r.status === 'remplace' ? r.replacedBy : undefined })),
        },
        'Présence enregistrée.',
      );
    } catch (e) {
      const err = toApiError(e);
      setErrors(err.fieldErrors ?? {});
      setError(err.message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Section id="ep-session-attendance" title="Présence des membres">
      <ScrollTable label="Présence des membres de l’équipe" size="small">
        <TableHead>
          <TableRow>
            <TableCell>Membre</TableCell>
            <TableCell>Présence</TableCell>
            <TableCell>Remplacé par</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {session.attendance.map((a, i) => {
            const row = rows.find((r) => r.memberId === a.memberId);
            if (!row) return null;
            const statusError = errors[`attendance.${i}.status`];
            const replacedError = errors[`attendance.${i}.replacedBy`];
            return (
              <TableRow key={a.memberId}>
                <TableCell>
                  {a.name}
                  <Typography variant="body2" color="text.secondary">
                    {a.isPresident ? 'Président — ' : ''}
                    {a.function}, {a.organisationLabel}
                  </Typography>
                </TableCell>
                <TableCell>
                  {editable ? (
                    <>
                      <RadioGroup
                        row
                        name={`attendance-${a.memberId}`}
                        aria-label={`Présence de ${a.name}`}
                        value={row.status}
                        onChange={(e) => set(a.memberId, { status: e.target.value as AttendanceStatus })}
                        aria-invalid={statusError ? true : undefined}
                      >
                        {ATTENDANCE_STATUSES.map((s) => (
                          <FormControlLabel key={s} value={s} control={<Radio size="small" />} label={ATTENDANCE_LABELS[s]} />
                        ))}
                      </RadioGroup>
                      {statusError ? (
                        <Typography variant="body2" color="error">
                          {statusError}
                        </Typography>
                      ) : null}
                    </>
                  ) : (
                    (a.status ? ATTENDANCE_LABELS[a.status] : 'Non relevée')
                  )}
                </TableCell>
                <TableCell>
                  {editable && row.status === 'remplace' ? (
                    <TextField
                      size="small"
                      label={`Remplaçant de ${a.name}`}
                      value={row.replacedBy}
                      placeholder={undefined}
                      onChange={(e) => set(a.memberId, { replacedBy: e.target.value })}
                      error={!!replacedError}
                      helperText={replacedError ?? (a.replacedBy ? undefined : 'Le suppléant, ou la personne qui remplace le membre')}
                    />
                  ) : (
                    (a.status === 'remplace' ? a.replacedBy : null) ?? ''
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollTable>
      <Box role="status" aria-live="polite" sx={{ mt: 2 }}>
        {live.reached ? (
          <Alert severity="success" icon={<CheckCircleOutlineIcon />}>
            Quorum atteint : {plural(live.counted, 'membre présent ou remplacé', 'membres présents ou remplacés')} sur {live.members} (il en faut {live.required}).
          </Alert>
        ) : (
          <Alert severity="warning" icon={<WarningAmberIcon />}>
            {live.warning}
          </Alert>
        )}
      </Box>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Alert>
      ) : null}
      {editable ? (
        <Button variant="contained" sx={{ mt: 2 }} onClick={() => void save()} disabled={pending}>
          Enregistrer la présence
        </Button>
      ) : null}
    </Section>
  );
}
