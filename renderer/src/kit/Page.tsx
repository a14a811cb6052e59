import { useEffect, useRef, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export const APP_NAME = 'Parcours RSA';

/** Sets `document.title` to "<title> — Parcours RSA" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
  }, [title]);
}

export interface PageProps {
  /** Page title (document title and, unless `heading` is given, the h1). */
  title: string;
  heading?: ReactNode;
  /** Buttons shown beside the heading. */
  actions?: ReactNode;
  /** Under the heading (identity line, chips…). */
  subtitle?: ReactNode;
  children?: ReactNode;
}

/**
 * One screen of the app: sets the document title, renders the h1 and moves the focus to it when the
 * screen appears, so a screen-reader or keyboard user starts at the top of the new page.
 */
export function Page({ title, heading, actions, subtitle, children }: PageProps) {
  useDocumentTitle(title);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <Box sx={{ maxWidth: 1200, mx: 'auto', px: { xs: 2, md: 4 }, py: 3 }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', justifyContent: 'space-between', flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="h1" ref={headingRef} tabIndex={-1}>
            {heading ?? title}
          </Typography>
          {subtitle}
        </Box>
        {actions ? (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {actions}
          </Stack>
        ) : null}
      </Stack>
      {children}
    </Box>
  );
}

/** Text for screen readers only. */
export function VisuallyHidden({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <Box
      component="span"
      id={id}
      sx={{
        position: 'absolute',
        width: '1px',
        height: '1px',
        p: 0,
        m: '-1px',
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        whiteSpace: 'nowrap',
        border: 0,
      }}
    >
      {children}
    </Box>
  );
}
