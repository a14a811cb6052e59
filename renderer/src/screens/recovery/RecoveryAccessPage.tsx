import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../../shared/api/contract';
import { restoreAccessInputSchema } from '../../../../shared/api/recovery';
import { toApiError, useApi } from '../../api/ApiContext';
import { useDocumentTitle } from '../../kit/Page';
import { TextInput } from '../../kit/fields';
import { ErrorSummary, applyApiFieldErrors } from '../../kit/formErrors';

const schema = restoreAccessInputSchema
  .extend({ passwordConfirm: z.string() })
  .refine((v) => v.newPassword === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Les deux mots de passe ne sont pas identiques' });
type Values = z.input<typeof schema>;

export interface RecoveryAccessPageProps {
  /** Access restored for this administrator login. */
  onDone: (login: string, result: MethodOutput<'recovery.restoreAccess'>) => void;
  onCancel: () => void;
}

/**
 * From the login screen, without a session: the recovery key, an administrator's login and their new password. Sets
 * that password; rebuilds the keys file when it was lost. A typo in the key is caught as it is checked.
 */
export function RecoveryAccessPage({ onDone, onCancel }: RecoveryAccessPageProps) {
  useDocumentTitle('Clé de secours');
  const client = useApi();
  const [apiError, setApiError] = useState<string>();
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { recoveryKey: '', login: '', newPassword: '', passwordConfirm: '' },
  });
  const pending = form.formState.isSubmitting;
  const submit = form.handleSubmit(async ({ passwordConfirm: _c, ...input }) => {
    setApiError(undefined);
    try {
      onDone(input.login, await client.call('recovery.restoreAccess', input));
    } catch (e) {
      const error = toApiError(e);
      setApiError(error.message);
      applyApiFieldErrors(form.setError, error);
    }
  });
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 560, p: 4 }}>
        <Typography variant="h1" gutterBottom>
          Clé de secours
        </Typography>
        <Typography sx={{ mb: 3 }}>
          Mot de passe administrateur oublié, ou fichier des clés perdu : saisissez la clé de secours imprimée à l’installation (feuille « à conserver au
          coffre »), puis l’identifiant d’un compte administrateur et son nouveau mot de passe.
        </Typography>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Accès avec la clé de secours" aria-busy={pending}>
          <Stack spacing={2.5}>
            <ErrorSummary message={apiError} />
            <TextInput
              control={form.control}
              name="recoveryKey"
              label="Clé de secours"
              required
              autoFocus
              autoComplete="off"
              hint="6 groupes de 5 caractères, tirets facultatifs (ex. : ABCDE-FGHJK-…)"
              slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false, style: { fontFamily: 'monospace' } } }}
            />
            <TextInput control={form.control} name="login" label="Identifiant de l’administrateur" required autoComplete="username" />
            <TextInput control={form.control} name="newPassword" label="Nouveau mot de passe" type="password" required autoComplete="new-password" hint="10 caractères au moins." />
            <TextInput control={form.control} name="passwordConfirm" label="Confirmation du mot de passe" type="password" required autoComplete="new-password" />
            <Stack direction="row" spacing={1}>
              <Button type="submit" variant="contained" disabled={pending}>
                {pending ? 'Vérification…' : 'Rétablir l’accès'}
              </Button>
              <Button onClick={onCancel}>Retour à la connexion</Button>
            </Stack>
          </Stack>
        </form>
      </Paper>
    </Box>
  );
}
