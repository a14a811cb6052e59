import type { ComponentType } from 'react';
import { DspSection } from '../interview/dsp/DspSection';
import { EdeSection } from '../interview/ede/EdeSection';
import { OrientationSection } from '../interview/orientation/OrientationSection';
import { ContractsSection } from '../contracts/ContractsSection';
import { FichesSection } from '../fiches/FichesInboxPage';
import { EpDossierSection } from '../ep/EpDossierSection';
import { DossierDocumentsSection } from '../../documents/DossierDocumentsSection';

/** What a section of the dossier page receives. */
export interface DossierSectionProps {
  personId: number;
}

/**
 * The sections of the dossier page ("Parcours"), in order. A capability that is built sets `Component`
 * (in its own folder, e.g. screens/interview/DspSection.tsx); until then the section shows `text`.
 */
export interface DossierSectionDef {
  id: string;
  title: string;
  text: string;
  Component?: ComponentType<DossierSectionProps>;
}

export const DOSSIER_SECTIONS: readonly DossierSectionDef[] = [
  { id: 'dsp', title: 'Données socio-professionnelles (DSP)', text: 'Aucune DSP n’est encore saisie pour ce bénéficiaire.', Component: DspSection },
  { id: 'ede', title: 'Échelle de distance à l’emploi (EDE)', text: 'Aucune évaluation EDE n’est encore enregistrée.', Component: EdeSection },
  { id: 'orientation', title: 'Orientation', text: 'Aucune décision d’orientation n’est encore enregistrée.', Component: OrientationSection },
  { id: 'contrats', title: 'Contrats (CER)', text: 'Aucun contrat d’engagements réciproques n’est encore enregistré.', Component: ContractsSection },
  { id: 'fiches', title: 'Fiches de liaison', text: 'Aucune fiche de liaison n’est encore enregistrée.', Component: FichesSection },
  { id: 'ep', title: 'Équipes pluridisciplinaires', text: 'Ce dossier n’a pas encore été présenté en équipe pluridisciplinaire.', Component: EpDossierSection },
  { id: 'documents', title: 'Documents', text: 'Aucun document n’est encore joint à ce dossier.', Component: DossierDocumentsSection },
];
