import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { createApiClient } from '../../../shared/api/client';
import type { MethodInput, User } from '../../../shared/api/contract';
import type { RecoveryIssued } from '../../../shared/api/recovery';
import type { Transport } from '../../../shared/api/transport';
import type { DesktopApi, DesktopConnection } from '../../../shared/api/desktop';
import { ApiError } from '../../../shared/api/errors';
import { needsConnectionScreen } from '../screens/connection/desktop';
import { ApiProvider, toApiError } from '../api/ApiContext';
import { createGuardedClient } from '../api/guardedClient';
import { readStoredSession } from '../api/session';
import { useDocumentTitle } from '../kit/Page';
import { LoginPage, type LoginNotice } from '../screens/login/LoginPage';
import { AppProviders } from './AppProviders';
import { clearIdleLock } from './idleLockFlag';
import type { AppRouter, RouterFactory } from './RoutedApp';
import { SessionProvider, type MdsInfo, type SessionValue } from '../kit/session';

/** The setup wizard runs once, on a new installation: loaded only then. */
const SetupWizard = lazy(() => import('../screens/setup/SetupWizard').then((m) => ({ default: m.SetupWizard })));

/** The recovery key shown once after setup, and the access rebuilt with it from the login screen: loaded only then. */
const SetupRecoveryStep = lazy(() => import('../screens/recovery/SetupRecoveryStep').then((m) => ({ default: m.SetupRecoveryStep })));
const RecoveryAccessPage = lazy(() => import('../screens/recovery/RecoveryAccessPage').then((m) => ({ default: m.RecoveryAccessPage })));

/** The desktop app's connection screen (first run, changed server certificate): loaded only then. */
const ConnectionPage = lazy(() => import('../screens/connection/ConnectionPage').then((m) => ({ default: m.ConnectionPage })));

/** The router and every screen: loaded once logged in (the login screen is the first load). */
const RoutedApp = lazy(() => import('./RoutedApp'));

/**
 * While the login screen waits for the user, the desk's scripts (router, layout, the home page « Mon activité », the
 * Bénéficiaires page) are fetched and parsed: the click on « Se connecter » then costs the login and one render,
 * not a download.
 */
export const prefetchDesk = () =>
  Promise.all([
    import('./RoutedApp'),
    import('./layout/AppLayout'),
    import('../screens/desk/DeskPage'),
    import('../screens/beneficiaries/BeneficiariesPage'),
  ]).then(
    () => undefined,
    () => undefined, // a failed prefetch is retried by the route itself
  );
/** After the login form is drawn and usable: the prefetch must not compete with the first screen. */
const PREFETCH_DELAY_MS = 800;

export interface AppProps {
  transport: Transport;
  /** Hash router by default (the app is loaded from file:// in Electron); tests pass a memory router. */
  createRouter?: RouterFactory;
  /** The Electron app only: where its data lives (local or the MDS server); absent in a browser. */
  desktop?: DesktopApi | undefined;
}

type SetupMds = MethodInput<'recovery.sheet'>['mds'];

type Phase =
  | { kind: 'loading' }
  | { kind: 'connection'; connection: DesktopConnection }
  | { kind: 'unavailable'; message: string }
  | { kind: 'setup' }
  | { kind: 'setupKey'; issued: RecoveryIssued; login: string; mds: SetupMds }
  | { kind: 'recovery' }
  | { kind: 'login'; notice?: LoginNotice | undefined; login?: string | undefined }
  | { kind: 'app'; user: User };

const RESTORED_NOTICE: LoginNotice = {
  severity: 'success',
  text: 'La sauvegarde est restaurée. Connectez-vous avec un compte et son mot de passe de la sauvegarde.',
};

export const SESSION_LOST_NOTICE =
  'Votre session a pris fin (délai d’inactivité dépassé ou déconnexion). Reconnectez-vous pour continuer : vos saisies en cours sont conservées en brouillon.';

/** The whole renderer: start-up checks, setup wizard, login, then the routed app. */
export function App({ transport, createRouter, desktop }: AppProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [mds, setMds] = useState<MdsInfo | null>(null);

  const client = useMemo(
    () =>
      createGuardedClient(createApiClient(transport, readStoredSession()), () =>
        setPhase({ kind: 'login', notice: { severity: 'warning', text: SESSION_LOST_NOTICE } }),
      ),
    [transport],
  );
  // One router for the life of the app (created by RoutedApp): after a new login, the user is back where they were —
  // only the same user: the page belongs to whoever left it (`pageOwner`), another user starts at the home page.
  const routerRef = useRef<AppRouter>(null);
  const pageOwner = useRef<number | null>(null);
  const startAtHome = useRef(false);

  const start = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      if (desktop) {
        const connection = await desktop.getConnection();
        if (!connection.ok) throw new ApiError(connection.error.code, connection.error.message);
        if (needsConnectionScreen(connection.value)) {
          setPhase({ kind: 'connection', connection: connection.value });
          return;
        }
      }
      const status = await client.call('app.status', {});
      setMds(status.mds);
      if (!status.initialized) {
        setPhase({ kind: 'setup' });
        return;
      }
      if (client.getSession() !== undefined) {
        try {
          const user = await client.call('auth.me', {});
          setPhase({ kind: 'app', user });
          return;
        } catch (error) {
          // An expired session already sent us to the login screen (guarded client).
          if (toApiError(error).code === 'UNAUTHENTICATED') return;
          throw error;
        }
      }
      setPhase({ kind: 'login' });
    } catch (error) {
      setPhase({ kind: 'unavailable', message: toApiError(error).message });
    }
  }, [client, desktop]);

  useEffect(() => {
    void start();
  }, [start]);

  const onLoginScreen = phase.kind === 'login';
  useEffect(() => {
    if (!onLoginScreen) return;
    const timer = setTimeout(() => void prefetchDesk(), PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [onLoginScreen]);

  // The MDS is only told to a logged-in user (app.status hides it before): ask once in.
  const loggedIn = phase.kind === 'app';
  useEffect(() => {
    if (!loggedIn || mds) return;
    let current = true;
    client.call('mds.get', {}).then(
      (office) => {
        if (current) setMds(office);
      },
      () => undefined, // The header simply shows no MDS name.
    );
    return () => {
      current = false;
    };
  }, [client, loggedIn, mds]);

  const logout = useCallback(async (options?: { everywhere?: boolean }) => {
    // « Se déconnecter partout » (auth.logoutEverywhere) has already ended every session, this one included.
    if (!options?.everywhere) {
      try {
        await client.call('auth.logout', {});
      } catch {
        // Whatever the answer, the session is forgotten here.
      }
    }
    client.setSession(undefined);
    const text = options?.everywhere ? 'Vous êtes déconnecté(e) sur tous vos postes.' : 'Vous êtes déconnecté(e).';
    setPhase({ kind: 'login', notice: { severity: 'info', text } });
  }, [client]);

  const userId = phase.kind === 'app' ? phase.user.id : null;
  useEffect(() => {
    if (userId !== null) pageOwner.current = userId;
  }, [userId]);

  const sessionValue = useMemo<SessionValue | null>(
    () => (phase.kind === 'app' ? { user: phase.user, mds, logout } : null),
    [phase, mds, logout],
  );

  let content;
  switch (phase.kind) {
    case 'loading':
      content = <Loading />;
      break;
    case 'connection':
      content = desktop ? (
        <Suspense fallback={<Loading />}>
          <ConnectionPage desktop={desktop} connection={phase.connection} onDone={() => void start()} />
        </Suspense>
      ) : null;
      break;
    case 'unavailable':
      content = <Unavailable message={phase.message} onRetry={() => void start()} />;
      break;
    case 'setup':
      content = (
        <Suspense fallback={<Loading />}>
          <SetupWizard
            onRestored={(login) => setPhase({ kind: 'login', login, notice: RESTORED_NOTICE })}
            onDone={async (adminLogin, issued, office) => {
              try {
                const status = await client.call('app.status', {});
                setMds(status.mds);
              } catch {
                // The login screen works without the MDS name.
              }
              setPhase({ kind: 'setupKey', issued, login: adminLogin, mds: office });
            }}
          />
        </Suspense>
      );
      break;
    case 'setupKey':
      content = (
        <Suspense fallback={<Loading />}>
          <SetupRecoveryStep
            issued={phase.issued}
            mds={phase.mds}
            onDone={() =>
              setPhase({
                kind: 'login',
                login: phase.login,
                notice: { severity: 'success', text: 'La MDS et le compte administrateur sont créés. Connectez-vous pour commencer.' },
              })
            }
          />
        </Suspense>
      );
      break;
    case 'recovery':
      content = (
        <Suspense fallback={<Loading />}>
          <RecoveryAccessPage
            onCancel={() => setPhase({ kind: 'login' })}
            onDone={(login, result) =>
              setPhase({
                kind: 'login',
                login,
                notice: {
                  severity: 'success',
                  text: result.rebuilt
                    ? `Le fichier des clés est reconstruit et votre nouveau mot de passe enregistré. ${result.accountsWithoutKey > 0 ? `Donnez ensuite un mot de passe aux autres comptes (${result.accountsWithoutKey}) : Administration › Clé de secours.` : ''}`.trim()
                    : 'Votre nouveau mot de passe est enregistré : connectez-vous.',
                },
              })
            }
          />
        </Suspense>
      );
      break;
    case 'login':
      content = (
        <LoginPage
          mdsName={mds?.name}
          notice={phase.notice}
          initialLogin={phase.login}
          onRecovery={() => setPhase({ kind: 'recovery' })}
          onRestored={(login) => setPhase({ kind: 'login', login, notice: RESTORED_NOTICE })}
          onLoggedIn={(session, user) => {
            clearIdleLock();
            client.setSession(session);
            if (pageOwner.current !== user.id) {
              if (routerRef.current) void routerRef.current.navigate('/', { replace: true });
              else startAtHome.current = true;
            }
            setPhase({ kind: 'app', user });
          }}
        />
      );
      break;
    case 'app':
      content = sessionValue ? (
        <SessionProvider value={sessionValue}>
          <Suspense fallback={<Loading />}>
            <RoutedApp createRouter={createRouter} routerRef={routerRef} startAtHome={startAtHome} />
          </Suspense>
        </SessionProvider>
      ) : null;
      break;
  }

  return (
    <AppProviders>
      <ApiProvider client={client}>{content}</ApiProvider>
    </AppProviders>
  );
}

function Loading() {
  useDocumentTitle('Chargement');
  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <CircularProgress size={28} aria-hidden />
        <Typography>Chargement de Parcours RSA…</Typography>
      </Box>
    </Box>
  );
}

function Unavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  useDocumentTitle('Service indisponible');
  return (
    <Box component="main" sx={{ maxWidth: 640, mx: 'auto', p: 4 }}>
      <Typography variant="h1" gutterBottom>
        Parcours RSA ne peut pas démarrer
      </Typography>
      <Alert severity="error" role="alert" sx={{ mb: 2 }}>
        {message}
      </Alert>
      <Button variant="contained" onClick={onRetry}>
        Réessayer
      </Button>
    </Box>
  );
}
