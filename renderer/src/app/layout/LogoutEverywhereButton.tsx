import { useState } from 'react';
import Button from '@mui/material/Button';
import DevicesIcon from '@mui/icons-material/Devices';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { toApiError, useApi } from '../../api/ApiContext';
import { useSession } from '../../kit/session';

/**
 * « Se déconnecter partout » (issue 14 §2): ends every session of the user — this desk, the other computers, the
 * browsers — after a confirmation, then back to the login screen.
 */
export function LogoutEverywhereButton() {
  const client = useApi();
  const { logout } = useSession();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await client.call('auth.logoutEverywhere', {});
    } catch (e) {
      setPending(false);
      setError(toApiError(e).message);
      return;
    }
    await logout({ everywhere: true });
  };

  return (
    <>
      <Button startIcon={<DevicesIcon />} onClick={() => setOpen(true)}>
        Se déconnecter partout
      </Button>
      <ConfirmDialog
        open={open}
        title="Se déconnecter partout ?"
        confirmLabel="Se déconnecter partout"
        pending={pending}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        Toutes vos sessions prennent fin : sur ce poste, sur vos autres ordinateurs et dans les navigateurs où vous êtes
        connecté(e). Il faudra vous identifier à nouveau partout.
      </ConfirmDialog>
    </>
  );
}
