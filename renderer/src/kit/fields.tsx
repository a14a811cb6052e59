import { useId, type ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { requiredLabelProps } from './requiredLabel';

// The forms' field components, bound to react-hook-form. Errors show under the field (helper text,
// linked with aria-describedby by MUI) and set aria-invalid. `ruleError`: the message of a handbook rule run as
// the user types (e.g. a PAP row); the form's own error (zod schema, API) comes first.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyControl<T extends FieldValues> = Control<T, any, any>;

export interface BoundProps<T extends FieldValues> {
  control: AnyControl<T>;
  name: FieldPath<T>;
  label: string;
  /** Shown under the field when there is no error. */
  hint?: ReactNode;
  ruleError?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

export type TextInputProps<T extends FieldValues> = BoundProps<T> &
  Omit<TextFieldProps, 'name' | 'label' | 'value' | 'onChange' | 'onBlur' | 'error' | 'helperText' | 'select'>;

export function TextInput<T extends FieldValues>({ control, name, label, hint, ruleError, slotProps, ...rest }: TextInputProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message ?? ruleError;
        return (
          <TextField
            {...rest}
            slotProps={{ ...slotProps, inputLabel: requiredLabelProps(rest.required) }}
            label={label}
            name={field.name}
            value={(field.value as string | null | undefined) ?? ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={!!message}
            helperText={message ?? hint}
          />
        );
      }}
    />
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectInputProps<T extends FieldValues> = BoundProps<T> & {
  options: readonly SelectOption[];
  /** Label of the empty choice ('' in the form); null: no empty choice. */
  emptyLabel?: string | null;
  /** The stored value is a number (or null when empty) rather than a string. */
  numeric?: boolean;
  /** The empty choice is null in the form (rather than ''). */
  nullable?: boolean;
  /** Told the chosen value (as in the list) after the form has it. */
  onValueChange?: (value: string) => void;
};

/** A native select: fast with the keyboard (type-ahead), and each option is a real option. */
export function SelectInput<T extends FieldValues>({
  control,
  name,
  label,
  hint,
  options,
  emptyLabel = '— Choisir —',
  numeric,
  nullable,
  onValueChange,
  ruleError,
  required,
  disabled,
}: SelectInputProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message ?? ruleError;
        return (
          <TextField
            select
            label={label}
            name={field.name}
            required={required}
            disabled={disabled}
            value={field.value === null || field.value === undefined ? '' : String(field.value)}
            onChange={(e) => {
              const v = e.target.value;
              field.onChange(v === '' ? (nullable || numeric ? null : '') : numeric ? Number(v) : v);
              onValueChange?.(v);
            }}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={!!message}
            helperText={message ?? hint}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true, ...requiredLabelProps(required) } }}
          >
            {emptyLabel === null ? null : <option value="">{emptyLabel}</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </TextField>
        );
      }}
    />
  );
}

export type RadioInputProps<T extends FieldValues> = BoundProps<T> & { options: readonly SelectOption[] };

/** Radio buttons in a fieldset whose legend is the label. */
export function RadioInput<T extends FieldValues>({ control, name, label, hint, options, required, disabled }: RadioInputProps<T>) {
  const helperId = useId();
  const legendId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormControl component="fieldset" error={!!fieldState.error} required={required} disabled={disabled}>
          <FormLabel component="legend" id={legendId} {...requiredLabelProps(required)}>
            {label}
          </FormLabel>
          <RadioGroup
            row
            name={field.name}
            value={(field.value as string | null | undefined) ?? ''}
            onChange={(e) => field.onChange(e.target.value)}
            onBlur={field.onBlur}
            aria-labelledby={legendId}
            aria-describedby={fieldState.error || hint ? helperId : undefined}
            aria-required={required ? true : undefined}
            aria-invalid={fieldState.error ? true : undefined}
          >
            {options.map((o, i) => (
              <FormControlLabel
                key={o.value}
                value={o.value}
                label={o.label}
                control={
                  <Radio
                    slotProps={{ input: { ref: i === 0 ? field.ref : undefined } }}
                  />
                }
              />
            ))}
          </RadioGroup>
          {fieldState.error || hint ? <FormHelperText id={helperId}>{fieldState.error?.message ?? hint}</FormHelperText> : null}
        </FormControl>
      )}
    />
  );
}
