import { useState } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { DSP_FIELDS, DSP_SECTION_LABELS, DSP_SECTIONS, dspValueAt, type DspContent } from '../../../../../shared/api/dsp';
import type { DspRevision } from '../../../../../shared/api/interview';
import { DSP_NOT_ANSWERED, dspValueText } from '../../../../../shared/domain/rules/dsp-diff';
import { ScrollRegion } from '../../../kit/ScrollRegion';
import { formatDateTime, plural } from '../../../../../shared/domain/format';

export interface DspComparisonProps {
  from: DspRevision;
  to: DspRevision;
  /** Paths of the fields that differ (`dsp.compare`). */
  changedPaths: readonly string[];
}

const versionTitle = (r: DspRevision) => `Version ${r.number} du ${formatDateTime(r.createdAt)}`;

/**
 * Two DSP revisions side by side, field by field (the questions answered in either one). A changed field is
 * highlighted AND marked « Modifié » in its own column (never by colour alone).
 */
export function DspComparison({ from, to, changedPaths }: DspComparisonProps) {
  const [onlyChanges, setOnlyChanges] = useState(false);
  const changed = new Set(changedPaths);
  const a = from.content as DspContent;
  const b = to.content as DspContent;
  const count = changed.size;
  const caption = `Comparaison de la version ${from.number} et de la version ${to.number} de la DSP`;
  return (
    <Box>
      <Typography role="status" sx={{ mb: 1, fontWeight: 600 }}>
        {count === 0
          ? 'Les deux versions sont identiques.'
          : `${plural(count, 'champ modifié', 'champs modifiés')} entre la version ${from.number} et la version ${to.number}.`}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />}
        label="Afficher uniquement les champs modifiés"
      />
      <ScrollRegion variant="outlined" aria-label={caption} sx={{ mt: 1 }}>
        <Table aria-label={caption} size="small">
          <TableHead>
            <TableRow>
              <TableCell scope="col">Question</TableCell>
              <TableCell scope="col">
                {versionTitle(from)}
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  par {from.createdBy.displayName}
                </Typography>
              </TableCell>
              <TableCell scope="col">
                {versionTitle(to)}
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  par {to.createdBy.displayName}
                </Typography>
              </TableCell>
              <TableCell scope="col">Changement</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {DSP_SECTIONS.map((section) => {
              const fields = DSP_FIELDS.filter((f) => {
                if (f.section !== section) return false;
                if (changed.has(f.path)) return true;
                if (onlyChanges) return false;
                return dspValueText(f, dspValueAt(a, f.path)) !== DSP_NOT_ANSWERED || dspValueText(f, dspValueAt(b, f.path)) !== DSP_NOT_ANSWERED;
              });
              if (fields.length === 0) return null;
              return [
                <TableRow key={section}>
                  <TableCell component="th" scope="colgroup" colSpan={4} sx={{ bgcolor: 'background.default', fontWeight: 700 }}>
                    {DSP_SECTION_LABELS[section]}
                  </TableCell>
                </TableRow>,
                ...fields.map((f) => {
                  const isChanged = changed.has(f.path);
                  return (
                    <TableRow key={f.path} data-changed={isChanged ? 'true' : undefined} sx={isChanged ? { bgcolor: '#fff4cc' } : undefined}>
                      <TableCell component="th" scope="row" sx={{ fontWeight: isChanged ? 700 : 400 }}>
                        {f.label}
                      </TableCell>
                      <TableCell sx={isChanged ? { textDecoration: 'line-through', textDecorationThickness: '1px' } : undefined}>
                        {dspValueText(f, dspValueAt(a, f.path))}
                      </TableCell>
                      <TableCell sx={{ fontWeight: isChanged ? 700 : 400 }}>{dspValueText(f, dspValueAt(b, f.path))}</TableCell>
                      <TableCell>
                        {isChanged ? (
                          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontWeight: 700 }}>
                            <EditNoteIcon fontSize="small" aria-hidden />
                            Modifié
                          </Box>
                        ) : (
                          <Typography component="span" variant="body2" color="text.secondary">
                            Identique
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                }),
              ];
            })}
          </TableBody>
        </Table>
      </ScrollRegion>
    </Box>
  );
}
