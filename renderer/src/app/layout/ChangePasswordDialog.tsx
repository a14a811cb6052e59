import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { newPasswordSchema } from '../../../../shared/api/common';
import { toApiError, useApi } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { TextInput } from '../../kit/fields';
import { applyApiFieldErrors } from '../../kit/formErrors';

const changePasswordFormSchema = z
  .object({
    currentPassword: z.string().min(1, 'Saisissez votre mot de passe actuel').max(200),
    newPassword: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'Les deux mots de passe ne sont pas identiques' })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Le nouveau mot de passe doit être différent de l’actuel',
  });

type Values = z.input<typeof changePasswordFormSchema>;

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const client = useApi();
  const notify = useNotify();
  const [error, setError] = useState<string>();
  const form = useForm<Values, unknown, z.output<typeof changePasswordFormSchema>>({
    resolver: zodResolver(changePasswordFormSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  const pending = form.formState.isSubmitting;

  const close = () => {
    if (pending) return;
    form.reset();
    setError(undefined);
    onClose();
  };

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setError(undefined);
    try {
      await client.call('auth.changePassword', { currentPassword, newPassword });
      form.reset();
      onClose();
      notify('Votre mot de passe est changé.');
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyApiFieldErrors(form.setError, apiError);
    }
  });

  return (
    <Dialog open={open} onClose={close} aria-labelledby="change-password-title" fullWidth maxWidth="xs">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="change-password-title">Changer mon mot de passe</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput control={form.control} name="currentPassword" label="Mot de passe actuel" type="password" autoComplete="current-password" required autoFocus />
            <TextInput
              control={form.control}
              name="newPassword"
              label="Nouveau mot de passe"
              type="password"
              autoComplete="new-password"
              required
              hint="10 caractères au moins."
            />
            <TextInput control={form.control} name="confirm" label="Confirmation du nouveau mot de passe" type="password" autoComplete="new-password" required />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            Changer le mot de passe
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
