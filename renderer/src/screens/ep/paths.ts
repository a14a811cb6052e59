/** Hash-router paths of the équipe pluridisciplinaire screens. */
export const epPaths = {
  home: '/equipes-pluridisciplinaires',
  team: '/equipes-pluridisciplinaires/equipe',
  newSession: '/equipes-pluridisciplinaires/seances/nouvelle',
  session: (sessionId: number) => `/equipes-pluridisciplinaires/seances/${sessionId}`,
  dossier: (personId: number) => `/beneficiaires/${personId}`,
} as const;
