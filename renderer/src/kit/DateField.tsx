import { Controller, type FieldValues } from 'react-hook-form';
import { DateInput } from './DateInput';
import type { BoundProps } from './fields';

// Apart from the other fields (fields.tsx): the date picker is large and the login screen has no date.

export type DateFieldProps<T extends FieldValues> = Omit<BoundProps<T>, 'hint'> & {
  hint?: string;
  disableFuture?: boolean;
  /** A message of a domain rule computed as the user types, shown when the schema has none. */
  ruleError?: string | undefined;
};

/** A date stored as 'YYYY-MM-DD' ('' when empty), typed as jj/mm/aaaa or picked in the calendar. */
export function DateField<T extends FieldValues>({ control, name, label, hint, required, disabled, disableFuture, ruleError }: DateFieldProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <DateInput
          label={label}
          name={field.name}
          value={(field.value as string | null | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          focusRef={field.ref}
          required={required}
          disabled={disabled}
          disableFuture={disableFuture}
          error={fieldState.error?.message ?? ruleError}
          hint={hint}
        />
      )}
    />
  );
}
