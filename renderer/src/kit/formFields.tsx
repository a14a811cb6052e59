import { DateField } from './DateField';
import { useId } from 'react';
import { Controller, type FieldValues } from 'react-hook-form';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import type { BoundProps, SelectOption as Option } from './fields';

// Fields bound to react-hook-form for the CER and fiche forms; like those of kit/fields.tsx they may show the
// message of a handbook rule run as the user types (`ruleError`) after the form's own error.

type Bound<T extends FieldValues> = BoundProps<T>;

/** The text field and the native select of every form (kit/fields.tsx), under the names the CER and fiche forms use. */
export { TextInput as TextFieldR, SelectInput as SelectFieldR, type AnyControl, type SelectOption as Option } from './fields';

/** The shared date field, with the row's live rule message. */
export function DateFieldR<T extends FieldValues>(props: Bound<T> & { disableFuture?: boolean; hint?: string }) {
  return <DateField {...props} />;
}

export function CheckboxR<T extends FieldValues>({ control, name, label, disabled, hint }: Omit<Bound<T>, 'ruleError' | 'required'>) {
  const hintId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Box>
          <FormControlLabel
            label={label}
            disabled={disabled}
            control={
              <Checkbox
                name={field.name}
                checked={field.value === true}
                onChange={(e) => field.onChange(e.target.checked)}
                onBlur={field.onBlur}
                slotProps={{ input: { ref: field.ref, 'aria-describedby': hint ? hintId : undefined } as never }}
              />
            }
          />
          {hint ? (
            <FormHelperText id={hintId} sx={{ mt: -0.5, ml: 4 }}>
              {hint}
            </FormHelperText>
          ) : null}
        </Box>
      )}
    />
  );
}

/** A list of checkboxes storing the checked values as an array of strings, in a fieldset. */
export function CheckboxGroupR<T extends FieldValues>({
  control,
  name,
  label,
  options,
  hint,
  disabled,
  columns = 2,
}: Omit<Bound<T>, 'ruleError' | 'required'> & { options: readonly Option[]; columns?: number }) {
  const helperId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const value = (field.value as string[] | undefined) ?? [];
        const message = fieldState.error?.message ?? firstNestedMessage(fieldState.error);
        return (
          <FormControl component="fieldset" error={!!message} disabled={disabled} sx={{ width: '100%' }}>
            <FormLabel component="legend">{label}</FormLabel>
            <FormGroup
              aria-describedby={message || hint ? helperId : undefined}
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: `repeat(${columns}, 1fr)` }, columnGap: 2 }}
            >
              {options.map((o, i) => (
                <FormControlLabel
                  key={o.value}
                  label={o.label}
                  control={
                    <Checkbox
                      size="small"
                      checked={value.includes(o.value)}
                      slotProps={{ input: { ref: i === 0 ? field.ref : undefined } as never }}
                      onBlur={field.onBlur}
                      onChange={(e) => {
                        const next = e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value);
                        // Keep the list's order.
                        field.onChange(options.map((x) => x.value).filter((v) => next.includes(v)));
                      }}
                    />
                  }
                />
              ))}
            </FormGroup>
            {message || hint ? <FormHelperText id={helperId}>{message ?? hint}</FormHelperText> : null}
          </FormControl>
        );
      }}
    />
  );
}

function firstNestedMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  for (const value of Object.values(error)) {
    if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
      return (value as { message: string }).message;
    }
  }
  return undefined;
}
