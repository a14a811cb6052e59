/**
 * « Les Contrats d’Engagements Réciproques sont à remplir en deux exemplaires originaux qui seront transmis au
 * Service Local Allocation Insertion » (livret, Annexe 5): printing a contract gives both originals in one PDF,
 * the same pages twice (each copy with its own signature blocks and its own « page x / n »), each page marked
 * with its copy.
 */
export interface OriginalCopy {
  /** 1 or 2. */
  index: number;
  total: number;
  recipient: string;
  /** « Exemplaire original 1/2 – transmis au SLAI ». */
  label: string;
}

/** Both originals go to the SLAI (livret, Annexe 5): neither is « remis au bénéficiaire ». */
export const ORIGINAL_RECIPIENTS = ['transmis au SLAI', 'transmis au SLAI'] as const;

export const originalLabel = (index: number, total: number, recipient: string) => `Exemplaire original ${index}/${total} – ${recipient}`;

export const ORIGINALS: readonly OriginalCopy[] = ORIGINAL_RECIPIENTS.map((recipient, i) => ({
  index: i + 1,
  total: ORIGINAL_RECIPIENTS.length,
  recipient,
  label: originalLabel(i + 1, ORIGINAL_RECIPIENTS.length, recipient),
}));

/** The marks of the originals, in print order (for DocumentPage's `copyLabels`). */
export const ORIGINAL_LABELS: readonly string[] = ORIGINALS.map((c) => c.label);
