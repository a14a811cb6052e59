/**
 * Paths of the first-interview screens (hash router). Kept here rather than in app/routes.tsx so the
 * screens and the dossier sections can import them without an import cycle.
 */
const person = (personId: number) => `/beneficiaires/${personId}`;

function withQuery(path: string, query: Record<string, number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, number] => e[1] !== undefined);
  if (entries.length === 0) return path;
  return `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export const interviewPaths = {
  dossier: person,
  /** DSP history (and the comparison of two revisions: `?de=<id>&a=<id>`). */
  dspHistory: (personId: number, from?: number, to?: number) => withQuery(`${person(personId)}/dsp`, { de: from, a: to }),
  dspNew: (personId: number) => `${person(personId)}/dsp/nouvelle`,
  edeList: (personId: number) => `${person(personId)}/ede`,
  edeNew: (personId: number) => `${person(personId)}/ede/nouvelle`,
  edeView: (personId: number, edeId: number) => `${person(personId)}/ede/${edeId}`,
  edeCompare: (personId: number, from?: number, to?: number) => withQuery(`${person(personId)}/ede/comparer`, { de: from, a: to }),
  orientationDecision: (personId: number) => `${person(personId)}/orientation/decision`,
  droitsDevoirs: (personId: number) => `${person(personId)}/droits-devoirs`,
  organismes: '/administration/organismes',
  dspModule: '/dsp',
  edeModule: '/ede',
  orientationModule: '/orientation',
} as const;
