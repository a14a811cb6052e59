import { lazy, Suspense, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import Alert, { type AlertColor } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { loginInputSchema } from '../../../../shared/api/auth';
import type { User } from '../../../../shared/api/contract';
import { toApiError, useApi } from '../../api/ApiContext';
import { useDocumentTitle } from '../../kit/Page';
import { TextInput } from '../../kit/fields';

export interface LoginNotice {
  severity: AlertColor;
  text: string;
}

export interface LoginPageProps {
  mdsName?: string | undefined;
  notice?: LoginNotice | undefined;
  initialLogin?: string | undefined;
  onLoggedIn: (session: string, user: User) => void;
  /** « Clé de secours »: a forgotten administrator password, a lost keys file. */
  onRecovery?: (() => void) | undefined;
  /** A backup was restored from this screen (after a damaged database): log in with one of its accounts. */
  onRestored?: ((login: string) => void) | undefined;
}

type LoginValues = z.output<typeof loginInputSchema>;

/** Offered when the database or the keys file is damaged (loaded only then). */
const RestoreBackupPanel = lazy(() => import('../../kit/RestoreBackup').then((m) => ({ default: m.RestoreBackupPanel })));

/**
 * Checks the form with the contract's schema, loaded at the first submit: the validation library stays out
 * of the first screen's script.
 */
const loginResolver: Resolver<LoginValues> = async (values, context, options) => {
  const [{ zodResolver }, { loginInputSchema: schema }] = await Promise.all([import('@hookform/resolvers/zod'), import('../../../../shared/api/auth')]);
  return zodResolver(schema)(values, context, options);
};

export function LoginPage({ mdsName, notice, initialLogin, onLoggedIn, onRecovery, onRestored }: LoginPageProps) {
  useDocumentTitle('Connexion');
  const client = useApi();
  const [error, setError] = useState<string>();
  // The database or the keys file is damaged: the way out is a backup.
  const [damaged, setDamaged] = useState(false);
  const form = useForm<LoginValues>({
    resolver: loginResolver,
    defaultValues: { login: initialLogin ?? '', password: '' },
  });
  const pending = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      const { session, user } = await client.call('auth.login', values);
      onLoggedIn(session, user);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      setDamaged(apiError.code === 'DATABASE');
      form.setValue('password', '');
      form.setFocus('password');
    }
  });

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 440, p: 4 }}>
        <Typography variant="h1" gutterBottom>
          Connexion
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Parcours RSA{mdsName ? ` — ${mdsName}` : ''}
        </Typography>
        {notice ? (
          <Alert severity={notice.severity} sx={{ mb: 2 }} role="status">
            {notice.text}
          </Alert>
        ) : null}
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Connexion" aria-busy={pending}>
          <Stack spacing={2.5}>
            <TextInput
              control={form.control}
              name="login"
              label="Identifiant"
              autoComplete="username"
              autoFocus={!initialLogin}
              slotProps={{ htmlInput: { readOnly: pending, autoCapitalize: 'none', spellCheck: false } }}
            />
            <TextInput
              control={form.control}
              name="password"
              label="Mot de passe"
              type="password"
              autoComplete="current-password"
              autoFocus={!!initialLogin}
              slotProps={{ htmlInput: { readOnly: pending } }}
            />
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <Button type="submit" variant="contained" size="large" disabled={pending}>
              {pending ? 'Connexion en cours…' : 'Se connecter'}
            </Button>
          </Stack>
        </form>
        {damaged && onRestored ? (
          <Box component="section" aria-label="Restaurer une sauvegarde" sx={{ mt: 3 }}>
            <Suspense fallback={<Typography>Chargement…</Typography>}>
              <RestoreBackupPanel onRestored={onRestored} />
            </Suspense>
          </Box>
        ) : null}
        {onRecovery ? (
          <Button variant="text" fullWidth sx={{ mt: 2 }} onClick={onRecovery} aria-describedby="cle-de-secours-aide">
            Clé de secours
          </Button>
        ) : null}
        {onRecovery ? (
          <Typography id="cle-de-secours-aide" variant="body2" color="text.secondary" align="center">
            Mot de passe administrateur oublié ou fichier des clés perdu
          </Typography>
        ) : null}
      </Paper>
    </Box>
  );
}
