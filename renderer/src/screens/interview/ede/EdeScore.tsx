import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { EdeColour, ThemeCode } from '../../../../../shared/domain/referentials/types';
import { COLOUR_NAMES, colourMeaning, pointsText, proposalLabel, themeLabel, type LiveScore } from './edeModel';
import { plural } from '../../../../../shared/domain/format';

/**
 * The live total and proposal while the EDE is filled in, in a polite live region: a screen reader hears the
 * new total after each palier chosen.
 */
export function EdeScorePanel({ live }: { live: LiveScore }) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="ede-score-title"
      sx={{ p: 2, mb: 2, borderLeft: 6, borderLeftColor: 'primary.main' }}
    >
      <Typography variant="h2" id="ede-score-title" sx={{ fontSize: '1.1rem', mb: 0.5 }}>
        Total et proposition
      </Typography>
      <Box role="status" aria-live="polite" aria-atomic="true" data-testid="ede-live-score">
        {live.complete ? (
          <>
            <Typography sx={{ fontWeight: 700 }}>
              Total : {pointsText(live.score.total)} — Proposition : {proposalLabel(live.score.proposal)}
            </Typography>
            <Typography variant="body2">{live.score.reason}</Typography>
          </>
        ) : (
          <Typography>
            Total provisoire : {pointsText(live.partialTotal)} ({plural(live.answered, 'item renseigné', 'items renseignés')} sur{' '}
            {live.count}). La proposition d’orientation s’affiche quand les {live.count} items sont renseignés.
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

export interface FlaggedItem {
  key: string;
  number: number;
  label: string;
  palier: number;
  colour: EdeColour;
  themes: readonly ThemeCode[];
}

/** The coloured items (vert, rose, bleu), each with the PAP themes it points to. */
export function FlaggedItems({ items, themes }: { items: readonly FlaggedItem[]; themes: readonly ThemeCode[] }) {
  const coloured = items.filter((i) => i.colour !== 'aucune');
  return (
    <Box component="section" aria-labelledby="ede-flags-title">
      <Typography variant="h3" id="ede-flags-title" sx={{ mb: 1 }}>
        Items en couleur et thèmes du plan d’action
      </Typography>
      {coloured.length === 0 ? (
        <Typography>Aucun item en couleur : pas de frein signalé.</Typography>
      ) : (
        <>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {coloured.map((i) => (
              <li key={i.key}>
                <strong>
                  Item {i.number} « {i.label} » : palier {i.palier}, {COLOUR_NAMES[i.colour].toLowerCase()}
                </strong>{' '}
                ({colourMeaning(i.colour).charAt(0).toLowerCase() + colourMeaning(i.colour).slice(1)}) — thèmes :{' '}
                {i.themes.map(themeLabel).join(', ')}
              </li>
            ))}
          </Box>
          <Typography sx={{ mt: 1 }}>
            Thèmes à travailler dans le contrat : <strong>{themes.map(themeLabel).join(', ')}</strong>.
          </Typography>
        </>
      )}
    </Box>
  );
}
