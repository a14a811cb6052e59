import Box from '@mui/material/Box';
import { plural } from '../../../../shared/domain/format';
import { useApiQuery } from '../../api/ApiContext';
import { VisuallyHidden } from '../../kit/Page';

/**
 * The navigation's badge beside « Échéancier »: the user's items en retard and urgent (desk.badge, read again after
 * every write). The number is seen, the sentence is heard (« 5 échéances en retard ou urgentes »). Nothing when
 * there is nothing, or when it cannot be read (the navigation works without it).
 */
export function DeskBadge() {
  const badge = useApiQuery('desk.badge', {});
  const count = badge.data ? badge.data.enRetard + badge.data.urgent : 0;
  if (count === 0) return null;
  return (
    <Box component="span" sx={{ ml: 1 }}>
      <Box
        component="span"
        aria-hidden
        sx={{
          display: 'inline-block',
          minWidth: 24,
          px: 0.75,
          borderRadius: 12,
          bgcolor: badge.data!.enRetard > 0 ? 'error.main' : 'warning.main',
          color: '#ffffff',
          fontWeight: 700,
          fontSize: '0.8rem',
          lineHeight: '24px',
          textAlign: 'center',
        }}
      >
        {count > 999 ? '999+' : count}
      </Box>
      <VisuallyHidden>{` ${plural(count, 'échéance en retard ou urgente', 'échéances en retard ou urgentes')}`}</VisuallyHidden>
    </Box>
  );
}
