/**
 * Shared look of the printed documents: A4, DejaVu Sans, black on white (they are photocopied and faxed),
 * greys for frames, no information carried by colour alone.
 */
import { StyleSheet } from '@react-pdf/renderer';
import { FONT_FAMILY } from './fonts';

export const PAGE_MARGIN = 36;
/** Room kept at the bottom of every page for the footer. */
export const FOOTER_HEIGHT = 34;
/** Room kept at the top of every page for the running head (copy mark, document reference). */
export const RUNNING_HEAD_HEIGHT = 22;

export const COLORS = {
  text: '#000000',
  muted: '#404040',
  border: '#555555',
  light: '#e6e6e6',
  header: '#d9d9d9',
  watermark: '#999999',
} as const;

export const FONT_SIZE = {
  small: 7,
  body: 8.5,
  field: 9,
  section: 10.5,
  title: 14,
} as const;

export const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE.body,
    color: COLORS.text,
    paddingTop: PAGE_MARGIN + RUNNING_HEAD_HEIGHT,
    paddingBottom: PAGE_MARGIN + FOOTER_HEIGHT,
    paddingHorizontal: PAGE_MARGIN,
  },
  bold: { fontWeight: 'bold' },
  italic: { fontStyle: 'italic' },
  muted: { color: COLORS.muted },
  small: { fontSize: FONT_SIZE.small },
  // Padding, not margin: react-pdf moves a block whose bottom margin crosses the page end to the next page (alone),
  // after its heading's presence check has counted it on this page (the heading then ends the page alone).
  paragraph: { paddingBottom: 4 },
  row: { flexDirection: 'row' },
  section: { marginTop: 8 },
  sectionTitle: {
    fontSize: FONT_SIZE.section,
    fontWeight: 'bold',
    backgroundColor: COLORS.header,
    paddingVertical: 3,
    paddingHorizontal: 5,
    marginBottom: 4,
    borderWidth: 0.75,
    borderColor: COLORS.border,
  },
  subTitle: { fontSize: FONT_SIZE.field, fontWeight: 'bold', marginTop: 4, marginBottom: 2 },
  box: { borderWidth: 0.75, borderColor: COLORS.border, padding: 5 },
});
