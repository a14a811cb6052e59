import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert, { type AlertColor } from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

type Notify = (text: string, severity?: AlertColor) => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** Short confirmations ("Dossier enregistré."), announced politely and closed after a few seconds. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; severity: AlertColor; key: number } | null>(null);
  const notify = useCallback<Notify>((text, severity = 'success') => setMessage({ text, severity, key: Date.now() }), []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={message?.key}
        open={message !== null}
        autoHideDuration={6000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') setMessage(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity={message?.severity ?? 'success'} variant="filled" role="status" onClose={() => setMessage(null)}>
          {message?.text}
        </Alert>
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
