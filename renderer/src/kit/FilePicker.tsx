import { useId, useRef, useState, type DragEvent, type Ref } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';

/** « 512 o », « 12 Ko », « 10 Mo », « 10,5 Mo ». */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '').replace('.', ',')} Mo`;
}

export interface FileLimits {
  /** MIME types and extensions (« .pdf »), as the input's `accept`. */
  accept: readonly string[];
  maxBytes: number;
  /** The accepted types in words, for the refusal: « PDF, PNG ou JPEG ». */
  typesLabel: string;
}

/** Why a file is refused (empty, too large, of a type not accepted), in French; undefined when accepted. */
export function checkPickedFile(file: { name: string; type: string; size: number }, limits: FileLimits): string | undefined {
  if (file.size === 0) return 'Le fichier est vide.';
  if (file.size > limits.maxBytes) return `Le fichier dépasse ${formatSize(limits.maxBytes)} (${formatSize(file.size)}).`;
  const ext = `.${file.name.toLowerCase().split('.').pop() ?? ''}`;
  const accepted = limits.accept.some((a) => (a.startsWith('.') ? a.toLowerCase() === ext : a === file.type));
  return accepted ? undefined : `Type de fichier refusé : ${limits.typesLabel}.`;
}

export interface FilePickerProps extends FileLimits {
  label: string;
  /** The chosen file (controlled). */
  file: File | null;
  /** A file chosen or dropped, with the reason it is refused (or undefined). */
  onChange: (file: File | null, problem: string | undefined) => void;
  /** The form's message about the file (shown instead of the hint). */
  error?: string | undefined;
  hint?: string;
  /** The button, to give it the focus (after a refused upload). */
  buttonRef?: Ref<HTMLButtonElement>;
}

/**
 * Choosing a file, in French: the button « Choisir un fichier… » opens the system's picker (the native input,
 * labelled and described, stays hidden), the chosen file's name is shown and announced, and the zone around
 * also takes a dropped file (« ou déposez le fichier ici »). A file of a refused type or size is reported at
 * once, in words.
 */
export function FilePicker({ label, file, onChange, error, hint, buttonRef, accept, maxBytes, typesLabel }: FilePickerProps) {
  const inputId = useId();
  const labelId = useId();
  const helpId = useId();
  const chosenId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const take = (files: FileList | null | undefined) => {
    const picked = files?.[0] ?? null;
    if (files && files.length > 1) {
      onChange(null, 'Déposez un seul fichier à la fois.');
      return;
    }
    onChange(picked, picked ? checkPickedFile(picked, { accept, maxBytes, typesLabel }) : undefined);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files);
  };

  return (
    <FormControl error={!!error} fullWidth>
      <FormLabel id={labelId} htmlFor={inputId}>
        {label}
      </FormLabel>
      <Box
        data-testid="file-drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        sx={{
          mt: 1,
          p: 1.5,
          border: 2,
          borderStyle: 'dashed',
          borderRadius: 1,
          borderColor: error ? 'error.main' : over ? 'primary.main' : 'divider',
          bgcolor: over ? 'action.hover' : 'transparent',
          display: 'flex',
          position: 'relative',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 1.5,
        }}
      >
        <Box
          component="input"
          ref={inputRef}
          id={inputId}
          type="file"
          tabIndex={-1}
          accept={accept.join(',')}
          aria-describedby={`${chosenId} ${helpId}`}
          aria-invalid={error ? true : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            take(e.target.files);
            // The File is kept by the caller: emptied, the input fires again for the same file chosen anew.
            e.target.value = '';
          }}
          sx={{ position: 'absolute', width: 1, height: 1, p: 0, m: '-1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 }}
        />
        <Button
          ref={buttonRef}
          variant="outlined"
          startIcon={<UploadFileIcon />}
          onClick={() => inputRef.current?.click()}
          aria-describedby={`${labelId} ${chosenId} ${helpId}`}
        >
          Choisir un fichier…
        </Button>
        <Typography component="span" color="text.secondary">
          ou déposez le fichier ici
        </Typography>
        <Typography id={chosenId} role="status" component="span" sx={{ flexBasis: '100%', fontWeight: file ? 600 : 400 }}>
          {file ? `Fichier choisi : ${file.name} (${formatSize(file.size)})` : 'Aucun fichier choisi'}
        </Typography>
      </Box>
      <FormHelperText id={helpId}>{error ?? hint}</FormHelperText>
    </FormControl>
  );
}
