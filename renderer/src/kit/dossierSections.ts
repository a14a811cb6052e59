import type { ComponentType } from 'react';

/** What a section of the dossier page receives. */
export interface DossierSectionProps {
  personId: number;
}

/**
 * A section of the dossier page ("Parcours"). A capability that is built sets `Component` (in its own
 * screens folder, e.g. screens/interview/dsp/DspSection.tsx); until then the section shows `text`. The
 * list, in order, is put together by the shell (app/dossierSections.tsx).
 */
export interface DossierSectionDef {
  id: string;
  title: string;
  text: string;
  Component?: ComponentType<DossierSectionProps>;
}
