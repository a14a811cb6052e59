import { useState } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Grid from '@mui/material/Grid';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { EcheancierFilter } from '../../../../shared/api/desk';
import { isIsoDate } from '../../../../shared/domain/rules/dates';
import { ECHEANCE_KIND_LABELS, ECHEANCE_KINDS, SEVERITIES, SEVERITY_LABELS, type EcheanceKind } from '../../../../shared/domain/rules/echeancier';
import { useApiQuery } from '../../api/ApiContext';
import { DateInput } from '../../kit/DateInput';

export interface EcheancierFiltersProps {
  filter: EcheancierFilter;
  onChange: (filter: EcheancierFilter) => void;
  /** The référent filter (users.staff), for the roles that see more than their own dossiers. */
  withReferent: boolean;
}

/** Without the keys whose value is undefined or an empty list (the address stays short). */
function tidy(filter: EcheancierFilter): EcheancierFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as EcheancierFilter;
}

/** The échéancier's filters: each change applies at once (the list and the address follow). */
export function EcheancierFilters({ filter, onChange, withReferent }: EcheancierFiltersProps) {
  const set = (patch: Partial<EcheancierFilter>) => onChange(tidy({ ...filter, ...patch }));
  const kinds = filter.kinds ?? [];
  const severities = filter.severities ?? [];
  const toBeforeFrom = !!filter.from && !!filter.to && filter.to < filter.from;
  return (
    <Box component="form" role="search" aria-label="Filtrer les échéances" onSubmit={(e) => e.preventDefault()} sx={{ mb: 2 }}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: withReferent ? 4 : 6 }}>
          <TextField
            select
            label="Types d’échéance"
            value={kinds}
            onChange={(e) => {
              const value = e.target.value as unknown as string[] | string;
              set({ kinds: (typeof value === 'string' ? value.split(',') : value) as EcheanceKind[] });
            }}
            slotProps={{
              select: {
                multiple: true,
                displayEmpty: true,
                renderValue: (selected) => {
                  const list = selected as EcheanceKind[];
                  return list.length === 0 ? 'Tous les types' : list.map((k) => ECHEANCE_KIND_LABELS[k]).join(', ');
                },
              },
              inputLabel: { shrink: true },
            }}
          >
            {ECHEANCE_KINDS.map((kind) => (
              <MenuItem key={kind} value={kind}>
                <Checkbox checked={kinds.includes(kind)} size="small" tabIndex={-1} slotProps={{ input: { 'aria-hidden': true } }} />
                <ListItemText primary={ECHEANCE_KIND_LABELS[kind]} />
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        {withReferent ? (
          <Grid size={{ xs: 12, md: 4 }}>
            <ReferentSelect value={filter.referentId} onChange={(referentId) => set({ referentId })} />
          </Grid>
        ) : null}
        <Grid size={{ xs: 6, md: withReferent ? 2 : 3 }}>
          <DateFilter label="Du" value={filter.from} onChange={(from) => set({ from })} />
        </Grid>
        <Grid size={{ xs: 6, md: withReferent ? 2 : 3 }}>
          <DateFilter
            label="Au"
            value={filter.to}
            onChange={(to) => set({ to })}
            error={toBeforeFrom ? 'La date de fin doit suivre la date de début' : undefined}
          />
        </Grid>
        <Grid size={12}>
          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
            <Typography component="legend" sx={{ fontWeight: 600, float: 'left', mr: 2 }}>
              Gravité
            </Typography>
            <FormGroup row>
              {SEVERITIES.map((severity) => (
                <FormControlLabel
                  key={severity}
                  label={SEVERITY_LABELS[severity]}
                  control={
                    <Checkbox
                      checked={severities.includes(severity)}
                      onChange={(e) =>
                        set({ severities: e.target.checked ? SEVERITIES.filter((s) => s === severity || severities.includes(s)) : severities.filter((s) => s !== severity) })
                      }
                    />
                  }
                />
              ))}
            </FormGroup>
          </Box>
        </Grid>
      </Grid>
    </Box>
  );
}

function ReferentSelect({ value, onChange }: { value: number | undefined; onChange: (id: number | undefined) => void }) {
  const staff = useApiQuery('users.staff', {});
  const referents = (staff.data ?? []).filter((u) => u.role === 'referent');
  const known = value === undefined || referents.some((r) => r.id === value);
  return (
    <TextField
      select
      label="Référent"
      value={value === undefined ? '' : String(value)}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      <option value="">Tous les référents</option>
      {referents.map((r) => (
        <option key={r.id} value={r.id}>
          {r.displayName}
        </option>
      ))}
      {known ? null : <option value={String(value)}>{`Référent n° ${value}`}</option>}
    </TextField>
  );
}

/**
 * A period bound typed as jj/mm/aaaa: the filter changes once the date is whole (or emptied); a partly typed date
 * stays in the field. A change from elsewhere (a day picked in the calendar) shows in the field.
 */
function DateFilter({ label, value, onChange, error }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void; error?: string | undefined }) {
  const [text, setText] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value ?? '');
  }
  return (
    <DateInput
      label={label}
      value={text}
      error={error}
      onChange={(next) => {
        setText(next);
        if (next === '' || isIsoDate(next)) {
          const v = next === '' ? undefined : next;
          setSeen(v);
          onChange(v);
        }
      }}
    />
  );
}
