import { useId } from 'react';
import { Controller, useWatch, type Control } from 'react-hook-form';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import { DSP_FIELDS, dspFieldCodeList, dspFieldOptions, type DspFieldDef, type DspSection } from '../../../../../shared/api/dsp';
import { RadioInput, SelectInput, TextInput, type SelectOption } from '../../../kit/fields';
import { requiredLabelProps } from '../../../kit/requiredLabel';
import { fieldApplies, type DspFormValues } from './dspForm';

/** Lists with at most this many answers are radio buttons; longer ones a native select. */
const RADIO_MAX = 4;

const optionsOf = (field: DspFieldDef): SelectOption[] => dspFieldOptions(field).map((c) => ({ value: c.code, label: c.label }));

/** The fields of one DSP section; a conditional field appears only when its condition holds. */
export function DspSectionFields({ control, section }: { control: Control<DspFormValues, unknown, unknown>; section: DspSection }) {
  const values = useWatch({ control }) as DspFormValues;
  const fields = DSP_FIELDS.filter((f) => f.section === section);
  return (
    <Grid container spacing={3}>
      {fields.map((field) =>
        fieldApplies(values, field) ? (
          <Grid key={field.path} size={{ xs: 12, md: field.kind === 'text' || field.kind === 'year' ? 6 : 12 }}>
            <DspFieldInput control={control} field={field} />
          </Grid>
        ) : null,
      )}
    </Grid>
  );
}

function DspFieldInput({ control, field }: { control: Control<DspFormValues, unknown, unknown>; field: DspFieldDef }) {
  const name = field.path as `generalites.${string}`;
  const required = field.required === true;
  switch (field.kind) {
    case 'yesno':
      return <RadioInput control={control} name={name} label={field.label} options={optionsOf(field)} />;
    case 'code': {
      const options = optionsOf(field);
      return options.length <= RADIO_MAX ? (
        <RadioInput control={control} name={name} label={field.label} options={options} />
      ) : (
        <SelectInput control={control} name={name} label={field.label} options={options} emptyLabel="— Non renseigné —" />
      );
    }
    case 'codes':
      return <CodesInput control={control} field={field} />;
    case 'year':
      return (
        <TextInput
          control={control}
          name={name}
          label={field.label}
          hint="4 chiffres, par exemple 2012"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 4, autoComplete: 'off' } }}
        />
      );
    default:
      return (
        <TextInput
          control={control}
          name={name}
          label={field.label}
          required={required}
          hint={required ? 'Obligatoire avec la réponse choisie' : undefined}
          autoComplete="off"
          slotProps={{ htmlInput: { maxLength: field.max ?? 250 } }}
        />
      );
  }
}

/** A « several answers » list: checkboxes in a fieldset; the « aucun(e) » answer unticks the others and vice versa. */
function CodesInput({ control, field }: { control: Control<DspFormValues, unknown, unknown>; field: DspFieldDef }) {
  const helperId = useId();
  const legendId = useId();
  const list = field.list ? dspFieldCodeList(field.list) : undefined;
  const noneCode = list?.noneCode;
  const noneLabel = list?.codes.find((c) => c.code === noneCode)?.label;
  const hint = noneLabel ? `Plusieurs réponses possibles ; « ${noneLabel} » exclut les autres.` : 'Plusieurs réponses possibles.';
  return (
    <Controller
      control={control}
      name={field.path as `generalites.${string}`}
      render={({ field: f, fieldState }) => {
        const value = Array.isArray(f.value) ? f.value : [];
        const toggle = (code: string, checked: boolean) => {
          let next = checked ? [...value, code] : value.filter((c) => c !== code);
          if (checked && noneCode) next = code === noneCode ? [noneCode] : next.filter((c) => c !== noneCode);
          f.onChange([...new Set(next)]);
        };
        return (
          <FormControl component="fieldset" error={!!fieldState.error} sx={{ width: '100%' }}>
            <FormLabel component="legend" id={legendId} {...requiredLabelProps(false)}>
              {field.label}
            </FormLabel>
            <FormGroup
              aria-describedby={helperId}
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}
            >
              {(list?.codes ?? []).map((c, i) => (
                <FormControlLabel
                  key={c.code}
                  label={c.label}
                  control={
                    <Checkbox
                      checked={value.includes(c.code)}
                      onChange={(e) => toggle(c.code, e.target.checked)}
                      onBlur={f.onBlur}
                      slotProps={{ input: { ref: i === 0 ? f.ref : undefined, 'aria-invalid': fieldState.error ? true : undefined } as object }}
                    />
                  }
                />
              ))}
            </FormGroup>
            <Box>
              <FormHelperText id={helperId}>{fieldState.error?.message ?? hint}</FormHelperText>
            </Box>
          </FormControl>
        );
      }}
    />
  );
}
