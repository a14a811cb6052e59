import Chip, { type ChipProps } from '@mui/material/Chip';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import ScheduleIcon from '@mui/icons-material/Schedule';
import InfoIcon from '@mui/icons-material/Info';
import type { ReactElement } from 'react';
import { SEVERITY_LABELS, type Severity } from '../../../shared/domain/rules/echeancier';

/** The colour and the icon of each severity: never the colour alone, the label always says it (RGAA 3.1). */
export const SEVERITY_LOOK: Record<Severity, { color: NonNullable<ChipProps['color']>; icon: ReactElement }> = {
  en_retard: { color: 'error', icon: <ErrorIcon /> },
  urgent: { color: 'warning', icon: <WarningIcon /> },
  a_venir: { color: 'info', icon: <ScheduleIcon /> },
  info: { color: 'default', icon: <InfoIcon /> },
};

/** « En retard », « Urgent », « À venir », « Pour information »: an échéance's severity (desk, échéancier). */
export function SeverityChip({ severity, size = 'small' }: { severity: Severity; size?: ChipProps['size'] }) {
  const look = SEVERITY_LOOK[severity];
  return <Chip size={size} variant={severity === 'info' ? 'outlined' : 'filled'} color={look.color} icon={look.icon} label={SEVERITY_LABELS[severity]} />;
}
