import type { ReactElement } from 'react';
import type { PdfMeta } from './engine';
import type { LetterheadMds } from './pieces/Letterhead';

/** What every document prints besides its source: the issuing MDS. */
export interface DocumentContext {
  mds: LetterheadMds;
  /** The day a letter is dated on: the day it is produced, or the sending date chosen (EP letters). */
  letterDate?: string | undefined;
}

/** A document laid out, ready to render (`renderDocument`). */
export interface RenderedPages {
  meta: PdfMeta;
  /** One DocumentPage element per section (usually one). */
  pages: ReactElement[];
  /** Suggested file name (accents kept). */
  fileName: string;
  /** Copies of the pages in the file: 2 for the originals of a contract, 1 otherwise. */
  copies: number;
}
