/** Hash-router paths of the document screens. */
export const documentPaths = {
  /** Preview of an archived document of a dossier. */
  preview: (personId: number, documentId: number) => `/beneficiaires/${personId}/documents/${documentId}`,
} as const;
