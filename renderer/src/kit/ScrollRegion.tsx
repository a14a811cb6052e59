import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import type { SxProps, Theme } from '@mui/material/styles';

/** A scrollable region must be named: by a label, or by the id of a visible heading or caption. */
type AccessibleName = { 'aria-label': string; 'aria-labelledby'?: never } | { 'aria-labelledby': string; 'aria-label'?: never };

export type ScrollRegionProps = AccessibleName & {
  children: ReactNode;
  /** `outlined`: the bordered surface of a data table (what `TableContainer component={Paper}` gave). */
  variant?: 'plain' | 'outlined';
  /** `nav`: a scrolling navigation keeps its navigation landmark instead of becoming a region. */
  component?: 'div' | 'nav';
  sx?: SxProps<Theme>;
};

/** The app's focus ring (theme.ts), drawn inside: an ancestor that clips its overflow cannot hide it. */
const SCROLLING = {
  overflow: 'auto',
  '&:focus-visible': { outline: '3px solid #1d4ed8', outlineOffset: '-3px', boxShadow: 'none' },
} as const;

/**
 * Every container that may scroll (a wide table, a long PDF, the side navigation): keyboard users reach it
 * with Tab and scroll it with the arrow keys, screen readers announce it by its name (axe
 * `scrollable-region-focusable`).
 */
export function ScrollRegion({ children, variant = 'plain', component = 'div', sx, ...name }: ScrollRegionProps) {
  const common = {
    tabIndex: 0,
    role: component === 'nav' ? undefined : 'region',
    ...name,
    sx: [SCROLLING, ...(Array.isArray(sx) ? (sx as readonly SxProps<Theme>[]) : [sx])] as SxProps<Theme>,
  };
  if (variant === 'outlined') {
    return (
      <Paper variant="outlined" component={component} {...common}>
        {children}
      </Paper>
    );
  }
  return (
    <Box component={component} {...common}>
      {children}
    </Box>
  );
}

export interface ScrollTableProps {
  /** Names the table and the region that scrolls it. */
  label: string;
  /** The id of a visible heading that names the table instead (the region keeps `label`). */
  tableLabelledBy?: string;
  size?: 'small' | 'medium';
  sx?: SxProps<Theme>;
  /** TableHead and TableBody. */
  children: ReactNode;
}

/** A data table that scrolls sideways inside the page when it is wider than the page (see ScrollRegion). */
export function ScrollTable({ label, tableLabelledBy, size, sx, children }: ScrollTableProps) {
  return (
    <ScrollRegion aria-label={label} sx={sx}>
      <Table size={size} aria-label={tableLabelledBy ? undefined : label} aria-labelledby={tableLabelledBy}>
        {children}
      </Table>
    </ScrollRegion>
  );
}
