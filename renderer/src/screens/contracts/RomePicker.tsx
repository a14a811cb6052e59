import { useMemo, useState } from 'react';
import { Controller, type FieldPath, type FieldValues } from 'react-hook-form';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { findRome, findRomeDomain, searchRome } from '../../../../shared/domain/referentials/rome';
import type { RomeCode } from '../../../../shared/domain/referentials/types';
import { requiredLabelProps } from '../../kit/requiredLabel';
import type { AnyControl } from '../../kit/formFields';

export const romeOptionLabel = (o: RomeCode): string => `${o.code} — ${o.label}`;

/** « K — SERVICES A LA PERSONNE… » for a code, or ''. */
export function romeDomainLabel(code: string): string {
  const domain = code ? findRomeDomain(code.charAt(0)) : undefined;
  return domain ? `${domain.letter} — ${domain.label}` : '';
}

export interface RomePickerProps<T extends FieldValues> {
  control: AnyControl<T>;
  name: FieldPath<T>;
  label: string;
  required?: boolean;
  /** Called with the code chosen ('' when cleared). */
  onPicked?: (code: string) => void;
}

/**
 * A ROME code (Annexe 4) searched by code (« K13 », « k1302 ») or by words of the métier (« services dom »), accents
 * and case ignored (`searchRome`). The form holds the code.
 */
export function RomePicker<T extends FieldValues>({ control, name, label, required, onPicked }: RomePickerProps<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <RomeAutocomplete
          value={(field.value as string | undefined) ?? ''}
          onChange={(code) => {
            field.onChange(code);
            onPicked?.(code);
          }}
          onBlur={field.onBlur}
          inputRef={field.ref}
          label={label}
          name={field.name}
          required={required}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}

interface RomeAutocompleteProps {
  value: string;
  onChange: (code: string) => void;
  onBlur: () => void;
  inputRef: React.Ref<HTMLInputElement>;
  label: string;
  name: string;
  required?: boolean | undefined;
  error?: string | undefined;
}

function RomeAutocomplete({ value, onChange, onBlur, inputRef, label, name, required, error }: RomeAutocompleteProps) {
  const selected = value ? (findRome(value) ?? null) : null;
  const [input, setInput] = useState(selected ? romeOptionLabel(selected) : value);
  const options = useMemo(() => {
    if (selected && input === romeOptionLabel(selected)) return [selected];
    return searchRome(input, 20);
  }, [input, selected]);
  const domain = romeDomainLabel(selected?.code ?? '');
  return (
    <Autocomplete<RomeCode>
      options={options}
      value={selected}
      inputValue={input}
      onInputChange={(_e, v) => setInput(v)}
      onChange={(_e, v) => onChange(v?.code ?? '')}
      filterOptions={(x) => x}
      getOptionLabel={romeOptionLabel}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      noOptionsText={input.trim() ? 'Aucun code ROME ne correspond à cette recherche' : 'Tapez un code (K1302) ou des mots du métier'}
      openText="Ouvrir la liste"
      closeText="Fermer la liste"
      clearText="Effacer"
      onBlur={onBlur}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          name={name}
          required={required}
          inputRef={inputRef}
          error={!!error}
          helperText={error ?? (domain ? `Domaine : ${domain}` : 'Recherche par code ou par mots du métier (Annexe 4)')}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, ...requiredLabelProps(required) } }}
        />
      )}
    />
  );
}
