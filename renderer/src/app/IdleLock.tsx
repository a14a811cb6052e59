import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import LockIcon from '@mui/icons-material/Lock';
import { toApiError, useApi } from '../api/ApiContext';
import { useSession } from '../kit/session';
import { LOCK_FLAG } from './idleLockFlag';

/** Minutes without a key press, a click or a touch before the screen locks (the session itself ends after 30). */
export const LOCK_AFTER_MS = 10 * 60_000;
const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after a while without activity: the dossier on screen is hidden behind a dialog that only the
 * user's password opens (`auth.unlock`). What was being typed stays in place underneath. A reload keeps the lock
 * (sessionStorage flag), so it cannot be skipped; « Se déconnecter » ends the session.
 */
export function IdleLock({ lockAfterMs = LOCK_AFTER_MS }: { lockAfterMs?: number }) {
  const api = useApi();
  const { user, logout } = useSession();
  // The lock belongs to the session it locked: a reload keeps it, a new login does not.
  const [locked, setLocked] = useState(() => {
    const flag = window.sessionStorage.getItem(LOCK_FLAG);
    return flag !== null && flag === api.getSession();
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const lock = useCallback(() => {
    window.sessionStorage.setItem(LOCK_FLAG, api.getSession() ?? '');
    setLocked(true);
  }, [api]);

  useEffect(() => {
    if (locked) return;
    const arm = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(lock, lockAfterMs);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true, capture: true });
    return () => {
      if (timer.current) clearTimeout(timer.current);
      for (const e of ACTIVITY) window.removeEventListener(e, arm, { capture: true });
    };
  }, [locked, lock, lockAfterMs]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.call('auth.unlock', { password });
      window.sessionStorage.removeItem(LOCK_FLAG);
      setPassword('');
      setLocked(false);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.password ?? apiError.message);
    } finally {
      setBusy(false);
    }
  };

  const leave = () => {
    window.sessionStorage.removeItem(LOCK_FLAG);
    void logout();
  };

  return (
    <Dialog
      open={locked}
      fullScreen
      aria-labelledby="verrou-titre"
      aria-describedby="verrou-texte"
      slotProps={{ paper: { sx: { display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100' } } }}
    >
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate sx={{ maxWidth: 440, width: '100%', bgcolor: 'background.paper', p: 3, borderRadius: 1, boxShadow: 2 }}>
        <DialogTitle id="verrou-titre" component="h1" sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 0 }}>
          <LockIcon aria-hidden /> Écran verrouillé
        </DialogTitle>
        <DialogContent sx={{ px: 0 }}>
          <Typography id="verrou-texte" sx={{ mb: 2 }}>
            {`L’écran s’est verrouillé après une période sans activité. ${user.displayName}, saisissez votre mot de passe pour reprendre où vous en étiez.`}
          </Typography>
          <TextField
            label="Mot de passe"
            type="password"
            autoComplete="current-password"
            autoFocus
            fullWidth
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error !== null}
            helperText={error ?? ' '}
            slotProps={{ htmlInput: { 'aria-describedby': 'verrou-texte' } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 0 }}>
          <Button onClick={leave}>Se déconnecter</Button>
          <Button type="submit" variant="contained" disabled={busy || password === ''}>
            Déverrouiller
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
