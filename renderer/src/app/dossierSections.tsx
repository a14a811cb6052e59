import type { DossierSectionDef } from '../kit/dossierSections';
import { DspSection } from '../screens/interview/dsp/DspSection';
import { EdeSection } from '../screens/interview/ede/EdeSection';
import { OrientationSection } from '../screens/interview/orientation/OrientationSection';
import { ContractsSection } from '../screens/contracts/ContractsSection';
import { FichesSection } from '../screens/fiches/FichesInboxPage';
import { EpDossierSection } from '../screens/ep/EpDossierSection';
import { AppointmentsSection } from '../screens/appointments/AppointmentsSection';
import { DossierDocumentsSection } from '../documents/DossierDocumentsSection';

/** The sections of the dossier page, in order: each capability brings its own. */
export const DOSSIER_SECTIONS: readonly DossierSectionDef[] = [
  { id: 'dsp', title: 'Données socio-professionnelles (DSP)', text: 'Aucune DSP n’est encore saisie pour ce bénéficiaire.', Component: DspSection },
  { id: 'ede', title: 'Échelle de distance à l’emploi (EDE)', text: 'Aucune évaluation EDE n’est encore enregistrée.', Component: EdeSection },
  { id: 'orientation', title: 'Orientation', text: 'Aucune décision d’orientation n’est encore enregistrée.', Component: OrientationSection },
  { id: 'contrats', title: 'Contrats (CER)', text: 'Aucun contrat d’engagements réciproques n’est encore enregistré.', Component: ContractsSection },
  { id: 'fiches', title: 'Fiches de liaison', text: 'Aucune fiche de liaison n’est encore enregistrée.', Component: FichesSection },
  { id: 'rendez-vous', title: 'Rendez-vous', text: 'Aucun rendez-vous n’est encore planifié.', Component: AppointmentsSection },
  { id: 'ep', title: 'Équipes pluridisciplinaires', text: 'Ce dossier n’a pas encore été présenté en équipe pluridisciplinaire.', Component: EpDossierSection },
  { id: 'documents', title: 'Documents', text: 'Aucun document n’est encore joint à ce dossier.', Component: DossierDocumentsSection },
];
