import type { ReactElement } from 'react';
import AssessmentIcon from '@mui/icons-material/Assessment';
import AssignmentIcon from '@mui/icons-material/Assignment';
import BackupIcon from '@mui/icons-material/Backup';
import HomeWorkIcon from '@mui/icons-material/HomeWork';
import KeyIcon from '@mui/icons-material/Key';
import DashboardIcon from '@mui/icons-material/Dashboard';
import ChecklistIcon from '@mui/icons-material/Checklist';
import BusinessIcon from '@mui/icons-material/Business';
import EventNoteIcon from '@mui/icons-material/EventNote';
import ExploreIcon from '@mui/icons-material/Explore';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GroupsIcon from '@mui/icons-material/Groups';
import HandshakeIcon from '@mui/icons-material/Handshake';
import LinkIcon from '@mui/icons-material/Link';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PeopleIcon from '@mui/icons-material/People';
import PrivacyTipIcon from '@mui/icons-material/PrivacyTip';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import LocationCityIcon from '@mui/icons-material/LocationCity';
import BarChartIcon from '@mui/icons-material/BarChart';
import type { Role } from '../../../shared/api/common';

export interface NavItem {
  path: string;
  label: string;
  /** Document title and h1 of its page. */
  title: string;
  icon: ReactElement;
  /** Not built yet: its page says what is coming. */
  comingSoon?: string;
  roles?: readonly Role[];
}

/** The modules of the app, in the drawer's order. */
export const MODULES: readonly NavItem[] = [
  { path: '/', label: 'Mon activité', title: 'Mon activité', icon: <DashboardIcon /> },
  { path: '/beneficiaires', label: 'Bénéficiaires', title: 'Bénéficiaires', icon: <PeopleIcon /> },
  {
    path: '/dsp',
    label: 'DSP',
    title: 'Données socio-professionnelles (DSP)',
    icon: <AssignmentIcon />,
  },
  {
    path: '/ede',
    label: 'EDE',
    title: 'Échelle de distance à l’emploi (EDE)',
    icon: <AssessmentIcon />,
  },
  {
    path: '/orientation',
    label: 'Orientation',
    title: 'Orientation',
    icon: <ExploreIcon />,
  },
  {
    path: '/orientation/equipe',
    label: 'Équipe d’orientation',
    title: 'Équipe d’orientation',
    icon: <FactCheckIcon />,
    roles: ['administrateur', 'correspondant'],
  },
  {
    path: '/contrats',
    label: 'Contrats',
    title: 'Contrats d’engagements réciproques',
    icon: <HandshakeIcon />,
  },
  {
    path: '/fiches-de-liaison',
    label: 'Fiches de liaison',
    title: 'Fiches de liaison',
    icon: <LinkIcon />,
  },
  {
    path: '/equipes-pluridisciplinaires',
    label: 'Équipes pluridisciplinaires',
    title: 'Équipes pluridisciplinaires',
    icon: <GroupsIcon />,
    roles: ['administrateur', 'secretaire_ep', 'correspondant'],
  },
  {
    path: '/echeancier',
    label: 'Échéancier',
    title: 'Échéancier',
    icon: <EventNoteIcon />,
  },
  { path: '/imports', label: 'Imports', title: 'Importer un fichier', icon: <UploadFileIcon />, roles: ['administrateur', 'correspondant'] },
  { path: '/doublons', label: 'Doublons à vérifier', title: 'Doublons à vérifier', icon: <CompareArrowsIcon />, roles: ['administrateur', 'correspondant'] },
  { path: '/statistiques', label: 'Statistiques', title: 'Statistiques', icon: <BarChartIcon />, roles: ['correspondant', 'secretaire_ep', 'administrateur'] },
];

export const ADMIN_MODULES: readonly NavItem[] = [
  { path: '/administration/mds', label: 'La MDS', title: 'La MDS', icon: <HomeWorkIcon />, roles: ['administrateur'] },
  { path: '/administration/premiers-pas', label: 'Premiers pas', title: 'Premiers pas', icon: <ChecklistIcon />, roles: ['administrateur'] },
  {
    path: '/administration/comptes',
    label: 'Comptes utilisateurs',
    title: 'Comptes utilisateurs',
    icon: <ManageAccountsIcon />,
    roles: ['administrateur'],
  },
  { path: '/administration/organismes', label: 'Organismes référents', title: 'Organismes référents et référents', icon: <BusinessIcon />, roles: ['administrateur'] },
  { path: '/administration/cle-de-secours', label: 'Clé de secours', title: 'Clé de secours', icon: <KeyIcon />, roles: ['administrateur'] },
  { path: '/administration/sauvegardes', label: 'Sauvegardes', title: 'Sauvegardes', icon: <BackupIcon />, roles: ['administrateur'] },
  { path: '/administration/donnees-personnelles', label: 'Protection des données', title: 'Protection des données', icon: <PrivacyTipIcon />, roles: ['administrateur'] },
  { path: '/administration/communes', label: 'Communes de la MDS', title: 'Communes de la MDS', icon: <LocationCityIcon />, roles: ['administrateur'] },
];
