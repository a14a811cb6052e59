import { DateField } from '../../components/fields';
import { useId, type ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { requiredLabelProps } from '../../components/requiredLabel';

// Fields bound to react-hook-form that also show the message of a handbook rule run as the user types
// (`ruleError`): the form's own error (zod schema, API) comes first, then the rule's. Both set aria-invalid and
// are read with the field (helper text linked by aria-describedby).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyControl<T extends FieldValues> = Control<T, any, any>;

interface Bound<T extends FieldValues> {
  control: AnyControl<T>;
  name: FieldPath<T>;
  label: string;
  hint?: ReactNode;
  ruleError?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

export function TextFieldR<T extends FieldValues>({
  control,
  name,
  label,
  hint,
  ruleError,
  required,
  disabled,
  ...rest
}: Bound<T> & Omit<TextFieldProps, 'name' | 'label' | 'value' | 'onChange' | 'onBlur' | 'error' | 'helperText' | 'select' | 'required'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message ?? ruleError;
        return (
          <TextField
            fullWidth
            {...rest}
            label={label}
            name={field.name}
            required={required}
            disabled={disabled}
            value={(field.value as string | null | undefined) ?? ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={!!message}
            helperText={message ?? hint}
            slotProps={{ ...rest.slotProps, inputLabel: requiredLabelProps(required) }}
          />
        );
      }}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A native select (type-ahead, real options). `nullable`: '' in the list is null in the form; `numeric`: the
 * value is a number.
 */
export function SelectFieldR<T extends FieldValues>({
  control,
  name,
  label,
  hint,
  ruleError,
  required,
  disabled,
  options,
  emptyLabel = '— Choisir —',
  nullable,
  numeric,
  onValueChange,
}: Bound<T> & {
  options: readonly Option[];
  emptyLabel?: string | null;
  nullable?: boolean;
  numeric?: boolean;
  onValueChange?: (value: string) => void;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message ?? ruleError;
        return (
          <TextField
            select
            fullWidth
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
