import type { ReactElement } from 'react';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import type { DeskSection } from '../../../../shared/api/desk';
import { formatDate, formatDateTime } from '../../../../shared/domain/format';
import { useApiQuery } from '../../api/ApiContext';
import { deskLinkPath } from '../../kit/deskLinks';
import { Page } from '../../kit/Page';
import { SeverityChip } from '../../kit/SeverityChip';
import { Loaded } from '../../kit/status';

const TITLE = 'Mon activité';

type Tone = DeskSection['tone'];

/** A section's tone, said in words beside its colour (RGAA: never the colour alone). */
export const TONES: Record<Tone, { label: string; color: 'error' | 'warning' | 'info' | 'default'; border: string; icon: ReactElement }> = {
  error: { label: 'À traiter en priorité', color: 'error', border: 'error.main', icon: <PriorityHighIcon /> },
  warning: { label: 'À surveiller', color: 'warning', border: 'warning.main', icon: <WarningAmberIcon /> },
  info: { label: 'À suivre', color: 'info', border: 'info.main', icon: <InfoOutlinedIcon /> },
  neutral: { label: 'Pour information', color: 'default', border: 'divider', icon: <RadioButtonUncheckedIcon /> },
};

/** « Mon activité »: the home page, the sections of the user's role, each count a link to its list. */
/** Read by screen readers, not shown (the standard clip pattern). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  p: 0,
  m: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export function DeskPage() {
  const query = useApiQuery('desk.mine', {});
  return (
    <Loaded title={TITLE} error={query.error} loading={!query.data} onRetry={query.reload} what="de votre activité">
      {() => {
        const desk = query.data!;
        return (
          <Page
            title={TITLE}
            subtitle={
              <Typography color="text.secondary" sx={{ mt: 0.5 }}>
                {`Aujourd’hui, ${formatDate(desk.today, 'long')}`}
                {desk.previousVisitAt ? ` — votre visite précédente : ${formatDateTime(desk.previousVisitAt)}` : ''}
              </Typography>
            }
          >
            {desk.sections.length === 0 ? (
              <Typography>Rien à suivre pour le moment.</Typography>
            ) : (
              <Grid container spacing={2}>
                {desk.sections.map((section) => (
                  <Grid key={section.key} size={{ xs: 12, md: 6, xl: 4 }}>
                    <SectionCard section={section} />
                  </Grid>
                ))}
              </Grid>
            )}
          </Page>
        );
      }}
    </Loaded>
  );
}

function SectionCard({ section }: { section: DeskSection }) {
  const headingId = `desk-${section.key}`;
  const tone = TONES[section.tone];
  const busy = section.count > 0;
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={headingId}
      sx={{ p: 2, height: '100%', borderTopWidth: 4, borderTopColor: busy ? tone.border : 'divider' }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Typography variant="h2" id={headingId} sx={{ fontSize: '1.1rem' }}>
          {section.title}
        </Typography>
        {busy ? <Chip size="small" variant="outlined" color={tone.color} icon={tone.icon} label={tone.label} /> : null}
      </Stack>
      <Link
        component={RouterLink}
        to={deskLinkPath(section.link)}
        // The name is the visible words (« 42 voir la liste ») followed by which list, in text hidden from the eye only.
        sx={{ display: 'inline-flex', alignItems: 'baseline', gap: 1, my: 1 }}
      >
        <Box component="span" sx={{ fontSize: '2.25rem', fontWeight: 800, lineHeight: 1.1 }}>
          {section.count}
        </Box>{' '}
        <span>voir la liste</span>
        <Box component="span" sx={VISUALLY_HIDDEN}>{` « ${section.title} »`}</Box>
      </Link>
      {section.count === 0 ? (
        <Typography color="text.secondary">{section.empty}</Typography>
      ) : (
        <List dense disablePadding aria-label={section.title}>
          {section.rows.map((row, index) => (
            <ListItem key={index} disablePadding divider={index < section.rows.length - 1}>
              <ListItemButton component={RouterLink} to={deskLinkPath(row.link)} sx={{ alignItems: 'flex-start', gap: 1, px: 1 }}>
                <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                  <Typography sx={{ fontWeight: 600 }}>{row.label}</Typography>
                  {row.detail ? (
                    <Typography variant="body2" color="text.secondary">
                      {row.detail}
                    </Typography>
                  ) : null}
                </Box>
                <Stack spacing={0.5} sx={{ alignItems: 'flex-end', flexShrink: 0 }}>
                  {row.date ? <Typography variant="body2">{formatDate(row.date)}</Typography> : null}
                  {row.severity ? <SeverityChip severity={row.severity} /> : null}
                </Stack>
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
}
