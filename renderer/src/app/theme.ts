import { createTheme } from '@mui/material/styles';
import { frFR as materialFr } from '@mui/material/locale';
import { frFR as pickersFr } from '@mui/x-date-pickers/locales';

/** Marianne when the workstation has it (State font), then common system sans-serif faces. No download. */
export const FONT_STACK =
  'Marianne, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", system-ui, sans-serif';

/** Focus ring: 3 px blue ring outside a 2 px white gap, visible on light and on coloured surfaces. */
const FOCUS_RING = {
  outline: '3px solid #1d4ed8',
  outlineOffset: '2px',
  boxShadow: '0 0 0 2px #ffffff',
} as const;

/**
 * Calm, contrasted colours for long data-entry days (all text colours ≥ 4.5:1 on white and on the background).
 * Comfortable density: default-size inputs, generous line height.
 */
export function createAppTheme() {
  return createTheme(
    {
      palette: {
        mode: 'light',
        primary: { main: '#22488a', dark: '#183563', light: '#4a6fae', contrastText: '#ffffff' },
        secondary: { main: '#00695c', contrastText: '#ffffff' },
        error: { main: '#b3261e' },
        warning: { main: '#8a4b00' },
        info: { main: '#1f5f99' },
        success: { main: '#2e6b30' },
        background: { default: '#f4f6f9', paper: '#ffffff' },
        text: { primary: '#1b1f24', secondary: '#4a5260' },
        divider: '#d3d8e0',
      },
      shape: { borderRadius: 6 },
      typography: {
        fontFamily: FONT_STACK,
        fontSize: 15,
        h1: { fontSize: '1.75rem', fontWeight: 700, lineHeight: 1.25 },
        h2: { fontSize: '1.3rem', fontWeight: 700, lineHeight: 1.3 },
        h3: { fontSize: '1.1rem', fontWeight: 700, lineHeight: 1.35 },
        // Below h3 and never above the page title (MUI's own h4–h6 are 2.125rem, 1.5rem, 1.25rem).
        h4: { fontSize: '1rem', fontWeight: 700, lineHeight: 1.4 },
        h5: { fontSize: '1rem', fontWeight: 700, lineHeight: 1.4 },
        h6: { fontSize: '1rem', fontWeight: 700, lineHeight: 1.4 },
        body1: { lineHeight: 1.55 },
        button: { textTransform: 'none', fontWeight: 600 },
      },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            ':focus-visible': FOCUS_RING,
            'h1[tabindex="-1"]:focus, h2[tabindex="-1"]:focus, main[tabindex="-1"]:focus': { outline: 'none', boxShadow: 'none' },
            body: { backgroundColor: '#f4f6f9' },
            // Required mark: generated content with an empty alternative text, so it is seen but not
            // part of the field's accessible name (the input carries `required` / aria-required).
            '.pr-label-required::after': { content: '"\\2009*" / ""', color: '#b3261e', fontWeight: 700 },
          },
        },
        MuiButtonBase: { defaultProps: { disableRipple: false } },
        MuiButton: {
          styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } },
        },
        MuiIconButton: { styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } } },
        MuiListItemButton: {
          styleOverrides: {
            root: {
              '&.Mui-focusVisible': { ...FOCUS_RING, outlineOffset: '-3px', boxShadow: 'none' },
              '&[aria-current="page"]': { backgroundColor: '#e3eaf6', fontWeight: 700, borderLeft: '4px solid #22488a' },
            },
          },
        },
        MuiLink: { defaultProps: { underline: 'always' } },
        MuiTextField: { defaultProps: { fullWidth: true } },
        MuiOutlinedInput: {
          styleOverrides: {
            root: {
              backgroundColor: '#ffffff',
              '& .MuiOutlinedInput-notchedOutline': { borderColor: '#7a8494' },
              '&.Mui-focused .MuiOutlinedInput-notchedOutline': { borderWidth: 2 },
            },
          },
        },
        MuiFormHelperText: { styleOverrides: { root: { fontSize: '0.85rem' } } },
        MuiTableCell: { styleOverrides: { head: { fontWeight: 700, backgroundColor: '#eef1f6' } } },
        MuiTooltip: { defaultProps: { arrow: true } },
        // The message box of an Alert scrolls when a long word does not fit (a narrow column): break the word
        // instead, so it never becomes a scrollable region that the keyboard cannot reach.
        MuiAlert: { styleOverrides: { message: { overflowWrap: 'break-word', hyphens: 'auto' } } },
      },
    },
    materialFr,
    pickersFr,
  );
}
