import { useEffect, useRef, useState, type Ref } from 'react';
import { isValid } from 'date-fns';
import Box from '@mui/material/Box';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { fr } from 'date-fns/locale/fr';
import type { FieldRef } from '@mui/x-date-pickers/models';
import { parseIsoDate, toIsoDate } from './format';
import { requiredLabelProps } from './requiredLabel';

/** What the form holds while the typed date is incomplete or impossible: fails the 'YYYY-MM-DD' check. */
export const INVALID_DATE_VALUE = 'date-invalide';

const MIN_DATE = new Date(1900, 0, 1);

/** '' | 'YYYY-MM-DD' | anything else (invalid) → the picker's value. */
function toPickerValue(value: string): Date | null {
  if (value === '') return null;
  return parseIsoDate(value) ?? new Date(Number.NaN);
}

function toFormValue(date: Date | null): string {
  if (date === null) return '';
  return isValid(date) ? toIsoDate(date) : INVALID_DATE_VALUE;
}

export interface DateInputProps {
  label: string;
  name?: string;
  /** '' or 'YYYY-MM-DD' (or INVALID_DATE_VALUE while the typed date is incomplete). */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Receives an object whose focus() moves the focus to the field (react-hook-form's field.ref). */
  focusRef?: Ref<{ focus: () => void }>;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  disableFuture?: boolean | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}

/**
 * A date typed as jj/mm/aaaa (digits fill day, month, year; pasting "15/03/1985" works) or picked in the
 * calendar. The form only sees 'YYYY-MM-DD' strings.
 */
export function DateInput({ label, name, value, onChange, onBlur, focusRef, required, disabled, disableFuture, error, hint }: DateInputProps) {
  const fieldRef = useRef<FieldRef<Date | null>>(null);
  const [local, setLocal] = useState<Date | null>(() => toPickerValue(value));
  const [seenValue, setSeenValue] = useState(value);

  // The form changed the value (reset, draft restored): follow it, unless it is what we just emitted.
  if (value !== seenValue) {
    setSeenValue(value);
    if (toFormValue(toPickerValue(value)) !== toFormValue(local)) setLocal(toPickerValue(value));
  }

  useEffect(() => {
    const handle = { focus: () => fieldRef.current?.focusField(0) };
    if (typeof focusRef === 'function') focusRef(handle);
    else if (focusRef) (focusRef as { current: unknown }).current = handle;
  }, [focusRef]);

  return (
    <Box
      sx={{ width: '100%' }}
      onKeyDown={(e: React.KeyboardEvent<HTMLElement>) => {
        // The typed date lives in contenteditable sections, where Enter does not submit the form
        // as it does in a text input: submit it ourselves.
        if (e.key === 'Enter' && (e.target as HTMLElement).getAttribute('role') === 'spinbutton') {
          e.preventDefault();
          (e.target as HTMLElement).closest('form')?.requestSubmit();
        }
      }}
    >
      {/* Dates in French (date-fns `fr`, dd/MM/yyyy); the picker's texts come from the theme (app/theme.ts). */}
      <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={fr}>
      <DatePicker
        label={label}
        value={local}
        format="dd/MM/yyyy"
        minDate={MIN_DATE}
        disableFuture={disableFuture}
        disabled={disabled}
        onChange={(date) => {
          setLocal(date);
          const next = toFormValue(date);
          setSeenValue(next);
          onChange(next);
        }}
        onClose={onBlur}
        slotProps={{
          field: { fieldRef },
          textField: {
            name,
            required,
            fullWidth: true,
            error: !!error,
            helperText: error ?? hint ?? 'jj/mm/aaaa',
            onBlur,
            slotProps: { inputLabel: requiredLabelProps(required) },
          },
        }}
      />
      </LocalizationProvider>
    </Box>
  );
}
