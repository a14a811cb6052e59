/**
 * The desktop app's connection screen (issue 14 §3): at first run, « Poste autonome (base locale chiffrée) » or « Se
 * connecter au serveur de la MDS » (address → certificate read → fingerprint compared → pinned); later, a changed server
 * certificate: both fingerprints, and its acceptance by an administrator of the server. Shown only in the Electron app.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DesktopApi, DesktopConnection, ServerCertificate } from '../../../../shared/api/desktop';
import { formatDate } from '../../../../shared/domain/format';
import { useDocumentTitle } from '../../kit/Page';

export interface ConnectionPageProps {
  desktop: DesktopApi;
  connection: DesktopConnection;
  /** The choice is saved (or the new certificate accepted): the start-up goes on. */
  onDone: () => void;
}

const MONO = { fontFamily: '"DejaVu Sans Mono", Consolas, monospace', wordBreak: 'break-all' } as const;

export function ConnectionPage({ desktop, connection, onDone }: ConnectionPageProps) {
  return connection.mode === 'serveur' && connection.certificateChanged ? (
    <CertificateChanged desktop={desktop} url={connection.url} change={connection.certificateChanged} onDone={onDone} />
  ) : (
    <FirstRun desktop={desktop} notice={connection.mode === 'none' ? connection.notice : undefined} onDone={onDone} />
  );
}

function Frame({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 640, p: 4 }}>
        <Typography variant="h1" gutterBottom>
          {title}
        </Typography>
        {children}
      </Paper>
    </Box>
  );
}

type Mode = 'autonome' | 'serveur';

function FirstRun({ desktop, notice, onDone }: { desktop: DesktopApi; notice: string | undefined; onDone: () => void }) {
  const [mode, setMode] = useState<Mode | ''>('');
  const [address, setAddress] = useState('');
  const [addressError, setAddressError] = useState<string>();
  const [error, setError] = useState<string>();
  const [certificate, setCertificate] = useState<ServerCertificate | null>(null);
  const [pending, setPending] = useState(false);
  const addressRef = useRef<HTMLInputElement>(null);
  const certificateTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (certificate) certificateTitle.current?.focus();
  }, [certificate]);

  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(undefined);
    try {
      await action();
    } finally {
      setPending(false);
    }
  };

  const onProbe = (event: FormEvent) => {
    event.preventDefault();
    setCertificate(null);
    if (address.trim() === '') {
      setAddressError('Saisissez l’adresse du serveur de la MDS.');
      addressRef.current?.focus();
      return;
    }
    setAddressError(undefined);
    void run(async () => {
      const probe = await desktop.probe(address);
      if (probe.ok) setCertificate(probe.value);
      else {
        setAddressError(probe.error.message);
        addressRef.current?.focus();
      }
    });
  };

  const choose = (choice: Parameters<DesktopApi['choose']>[0]) =>
    void run(async () => {
      const result = await desktop.choose(choice);
      if (result.ok) onDone();
      else setError(result.error.message);
    });

  return (
    <Frame title="Bienvenue dans Parcours RSA">
      <Typography sx={{ mb: 3 }}>Choisissez où ce poste travaille. Ce choix se fait une seule fois, à la première utilisation.</Typography>
      {notice ? (
        <Alert severity="warning" role="status" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      <FormControl component="fieldset" sx={{ mb: 3 }}>
        <FormLabel component="legend">Mode de travail de ce poste</FormLabel>
        <RadioGroup
          name="mode"
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as Mode);
            setError(undefined);
            setCertificate(null);
          }}
        >
          <FormControlLabel
            value="autonome"
            control={<Radio slotProps={{ input: { 'aria-describedby': 'mode-autonome-aide' } }} />}
            label="Poste autonome (base locale chiffrée)"
          />
          <Typography id="mode-autonome-aide" variant="body2" color="text.secondary" sx={{ ml: 4, mb: 1 }}>
            Les dossiers restent sur cet ordinateur, dans une base chiffrée.
          </Typography>
          <FormControlLabel
            value="serveur"
            control={<Radio slotProps={{ input: { 'aria-describedby': 'mode-serveur-aide' } }} />}
            label="Se connecter au serveur de la MDS"
          />
          <Typography id="mode-serveur-aide" variant="body2" color="text.secondary" sx={{ ml: 4 }}>
            Les dossiers sont sur le serveur de la MDS, partagés avec les autres postes et les référents partenaires.
          </Typography>
        </RadioGroup>
      </FormControl>

      {mode === 'autonome' ? (
        <Button variant="contained" size="large" disabled={pending} onClick={() => choose({ mode: 'autonome' })}>
          Utiliser ce poste en autonome
        </Button>
      ) : null}

      {mode === 'serveur' ? (
        <form onSubmit={onProbe} noValidate aria-label="Serveur de la MDS" aria-busy={pending}>
          <Stack spacing={2}>
            <TextField
              label="Adresse du serveur"
              required
              value={address}
              onChange={(e) => {
                setAddress(e.target.value);
                setCertificate(null);
              }}
              error={addressError !== undefined}
              helperText={addressError ?? 'Donnée par l’administrateur, par exemple https://parcours.mds.departement.fr:8443/'}
              inputRef={addressRef}
              autoFocus
              slotProps={{ htmlInput: { autoCapitalize: 'none', spellCheck: false, inputMode: 'url' } }}
            />
            <Button type="submit" variant={certificate ? 'outlined' : 'contained'} disabled={pending}>
              {pending && !certificate ? 'Vérification…' : 'Vérifier le serveur'}
            </Button>
          </Stack>
        </form>
      ) : null}

      {mode === 'serveur' && certificate ? (
        <Box component="section" aria-labelledby="certificat-titre" sx={{ mt: 3 }}>
          <Typography id="certificat-titre" variant="h2" tabIndex={-1} ref={certificateTitle} gutterBottom>
            Certificat du serveur
          </Typography>
          <CertificateFacts
            facts={[
              ['Adresse', certificate.url],
              ['Nom', certificate.subject],
              ['Émis par', certificate.issuer],
              ['Valable jusqu’au', formatDate(certificate.validTo.slice(0, 10), 'long')],
              ['Empreinte SHA-256', certificate.fingerprint],
            ]}
          />
          <Alert severity="info" sx={{ my: 2 }}>
            Comparez cette empreinte avec celle que l’administrateur de la MDS vous a donnée. Si elle diffère, ne confirmez pas
            et prévenez-le.
          </Alert>
          <Button
            variant="contained"
            size="large"
            disabled={pending}
            onClick={() => choose({ mode: 'serveur', url: certificate.url, fingerprint: certificate.fingerprint })}
          >
            L’empreinte est la bonne : se connecter à ce serveur
          </Button>
        </Box>
      ) : null}

      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error}
        </Alert>
      ) : null}
    </Frame>
  );
}

function CertificateFacts({ facts }: { facts: readonly (readonly [string, string])[] }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { sm: 'max-content 1fr' }, columnGap: 2, rowGap: 1, m: 0 }}>
      {facts.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" sx={{ fontWeight: 700 }}>
            {term}
          </Typography>
          <Typography component="dd" sx={{ m: 0, ...(term.startsWith('Empreinte') ? MONO : {}) }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function CertificateChanged({
  desktop,
  url,
  change,
  onDone,
}: {
  desktop: DesktopApi;
  url: string;
  change: NonNullable<Extract<DesktopConnection, { mode: 'serveur' }>['certificateChanged']>;
  onDone: () => void;
}) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (login.trim() === '' || password === '') {
      setError('Saisissez l’identifiant et le mot de passe d’un administrateur du serveur.');
      (login.trim() === '' ? loginRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    setError(undefined);
    void desktop.acceptCertificate({ login, password, fingerprint: change.presented }).then((result) => {
      setPending(false);
      if (result.ok) {
        onDone();
        return;
      }
      setError(result.error.message);
      setPassword('');
      passwordRef.current?.focus();
    });
  };

  return (
    <Frame title="Le certificat du serveur a changé">
      <Alert severity="error" role="alert" sx={{ mb: 2 }}>
        {change.message}
      </Alert>
      <CertificateFacts
        facts={[
          ['Serveur', url],
          ['Empreinte enregistrée', change.pinned],
          ['Empreinte présentée par le serveur', change.presented],
        ]}
      />
      <Typography sx={{ my: 2 }}>
        Un certificat renouvelé par l’administrateur change d’empreinte. Si ce changement n’a pas été annoncé, ne l’acceptez pas
        : prévenez l’administrateur. Pour l’accepter, un administrateur du serveur se connecte ci-dessous (il est déconnecté
        aussitôt après).
      </Typography>
      <form onSubmit={onSubmit} noValidate aria-label="Accepter le nouveau certificat" aria-busy={pending}>
        <Stack spacing={2}>
          <TextField
            label="Identifiant administrateur"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            inputRef={loginRef}
            autoComplete="username"
            autoFocus
            slotProps={{ htmlInput: { readOnly: pending, autoCapitalize: 'none', spellCheck: false } }}
          />
          <TextField
            label="Mot de passe"
            type="password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            inputRef={passwordRef}
            autoComplete="current-password"
            slotProps={{ htmlInput: { readOnly: pending } }}
          />
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" disabled={pending}>
            {pending ? 'Vérification…' : 'Accepter le nouveau certificat'}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
