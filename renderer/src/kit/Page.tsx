import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export const APP_NAME = 'Parcours RSA';

/** Sets `document.title` to "<title> — Parcours RSA" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
  }, [title]);
}

/** One step of the breadcrumb trail: a link, or the current page (no `to`, the last one). */
export interface Crumb {
  label: string;
  to?: string;
}

/**
 * The trail of a screen that wraps other screens' pages (a person's screens: Bénéficiaires › name › screen): the
 * Page inside shows it, in the same place as its own `breadcrumbs`.
 */
export const PageCrumbsContext = createContext<readonly Crumb[] | null>(null);

/** The breadcrumb trail, always above the h1 (one order on every page). */
function PageBreadcrumbs({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <Breadcrumbs aria-label="Fil d’Ariane" sx={{ mb: 1 }}>
      {crumbs.map((c, i) =>
        c.to !== undefined ? (
          <Link key={i} component={RouterLink} to={c.to}>
            {c.label}
          </Link>
        ) : (
          <Typography key={i} color="text.primary" aria-current="page">
            {c.label}
          </Typography>
        ),
      )}
    </Breadcrumbs>
  );
}

export interface PageProps {
  /** The breadcrumb trail, shown above the title (default: the trail of PageCrumbsContext, if any). */
  breadcrumbs?: readonly Crumb[];
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
 * One screen of the app: sets the document title, renders the breadcrumb trail then the h1 (the same order on
 * every page) and moves the focus to the h1 when the screen appears, so a screen-reader or keyboard user starts
 * at the top of the new page.
 */
export function Page({ title, heading, actions, subtitle, children, breadcrumbs }: PageProps) {
  useDocumentTitle(title);
  const contextCrumbs = useContext(PageCrumbsContext);
  const crumbs = breadcrumbs ?? contextCrumbs;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <Box sx={{ maxWidth: 1200, mx: 'auto', px: { xs: 2, md: 4 }, py: 3 }}>
      {crumbs && crumbs.length > 0 ? <PageBreadcrumbs crumbs={crumbs} /> : null}
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
