/** @jsxRuntime automatic */
import { Page } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { styles } from '../styles';
import { PageFooter } from './PageFooter';
import { RunningHead } from './RunningHead';
import { Watermark } from './Watermark';

export interface DocumentPageProps {
  /** Running head, left: whose document and which one (« CERP n° 12 – DURAND Claire – N° CAF 1234567 »). */
  reference: string;
  /** Footer, left. */
  footerNote: string;
  /** The marks of the copies (originals), one per copy, in the order the engine draws them. */
  copyLabels?: readonly string[];
  /** Diagonal text behind every page (drafts). */
  watermark?: string | undefined;
  orientation?: 'portrait' | 'landscape';
  /** Set by the engine (one section per element it renders). */
  sectionId?: string;
  children: ReactNode;
}

/**
 * One A4 <Page> that flows over as many sheets as its content needs, with the running head (and the copy
 * mark), the watermark and the footer on each sheet. « page x / n » counts the sheets of this section in
 * each copy.
 */
export function DocumentPage({ reference, footerNote, copyLabels, watermark, orientation = 'portrait', sectionId, children }: DocumentPageProps) {
  return (
    <Page size="A4" orientation={orientation} style={styles.page} wrap id={sectionId}>
      <RunningHead reference={reference} copyLabels={copyLabels} />
      {children}
      <PageFooter note={footerNote} />
      {watermark ? <Watermark text={watermark} /> : null}
    </Page>
  );
}
