import { useId, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  attachmentUploadInputSchema,
  type AttachmentMeta,
  type AttachmentMime,
} from '../../../../shared/api/fiches';
import { toApiError, useApi } from '../../api/ApiContext';
import { DateInput } from '../../kit/DateInput';
import { base64ToBlob, readBase64, saveBlob } from '../../kit/files';
import { formatDate } from '../../../../shared/domain/format';

type Kind = keyof typeof ATTACHMENT_KINDS;

const EXTENSIONS = Object.values(ATTACHMENT_TYPES).flat();
export const ACCEPT = [...Object.keys(ATTACHMENT_TYPES), ...EXTENSIONS.map((e) => `.${e}`)].join(',');

/** The declared type of a file: its MIME type when accepted, else the one of its extension. */
export function mimeOf(file: { name: string; type: string }): AttachmentMime | undefined {
  if (file.type in ATTACHMENT_TYPES) return file.type as AttachmentMime;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return (Object.entries(ATTACHMENT_TYPES) as [AttachmentMime, readonly string[]][]).find(([, exts]) => exts.includes(ext))?.[0];
}

/** Checks made before reading the file (the API checks again, with the first bytes). */
export function checkFile(file: { name: string; type: string; size: number }): string | undefined {
  if (file.size === 0) return 'Le fichier est vide.';
  if (file.size > ATTACHMENT_MAX_BYTES) return `Le fichier dépasse 10 Mo (${formatSize(file.size)}).`;
  if (!mimeOf(file)) return 'Type de fichier refusé : PDF, PNG, JPEG ou document bureautique (docx, xlsx, odt, ods, doc, xls).';
  return undefined;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

export interface AttachmentsPanelProps {
  ficheId: number;
  attachments: readonly AttachmentMeta[];
  /** Files can be added and removed (a draft). */
  editable: boolean;
  defaultKind?: Kind;
  /** Something changed: reload the fiche (its missing list). */
  onChanged: () => void;
  today: string;
}

/** Pièces jointes of a fiche: courriers de convocation (with their date), CV, other documents; PDF, images or office files of 10 Mo at most. */
export function AttachmentsPanel({ ficheId, attachments, editable, defaultKind = 'convocation', onChanged, today }: AttachmentsPanelProps) {
  const client = useApi();
  const inputId = useId();
  const helpId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>(defaultKind);
  const [documentDate, setDocumentDate] = useState(today);
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    setMessage(undefined);
    const found: Record<string, string> = {};
    if (!file) found.file = 'Choisissez le fichier à joindre.';
    else {
      const problem = checkFile(file);
      if (problem) found.file = problem;
    }
    if (Object.keys(found).length > 0 || !file) {
      setErrors(found);
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const input = {
        owner: { type: 'fiche' as const, id: ficheId },
        kind,
        fileName: file.name,
        mime: mimeOf(file)!,
        contentBase64: await readBase64(file),
        documentDate: documentDate,
        label,
      };
      const parsed = attachmentUploadInputSchema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path[0] === 'fileName' || issue.path[0] === 'mime' || issue.path[0] === 'contentBase64' ? 'file' : String(issue.path[0]);
          fieldErrors[key] ??= issue.message;
        }
        setErrors(fieldErrors);
        return;
      }
      await client.call('attachments.upload', input);
      setErrors({});
      setFile(null);
      setLabel('');
      if (fileRef.current) fileRef.current.value = '';
      setMessage(`« ${file.name} » est joint à la fiche.`);
      onChanged();
    } catch (e) {
      const error = toApiError(e);
      const fe = error.fieldErrors ?? {};
      setErrors({
        ...(fe.fileName || fe.mime || fe.contentBase64 ? { file: fe.fileName ?? fe.mime ?? fe.contentBase64 ?? '' } : {}),
        ...(fe.documentDate ? { documentDate: fe.documentDate } : {}),
        ...(fe.kind ? { kind: fe.kind } : {}),
      });
      setMessage(error.message);
    } finally {
      setBusy(false);
    }
  };

  const download = async (a: AttachmentMeta) => {
    try {
      const out = await client.call('attachments.download', { attachmentId: a.id });
      saveBlob(base64ToBlob(out.contentBase64, out.mime), out.fileName);
    } catch (e) {
      setMessage(toApiError(e).message);
    }
  };

  const remove = async (a: AttachmentMeta) => {
    try {
      await client.call('attachments.delete', { attachmentId: a.id });
      setMessage(`« ${a.fileName} » est retiré de la fiche.`);
      onChanged();
    } catch (e) {
      setMessage(toApiError(e).message);
    }
  };

  return (
    <Box component="section" aria-labelledby={`${inputId}-title`}>
      <Typography variant="h3" id={`${inputId}-title`} sx={{ mb: 1 }}>
        Pièces jointes
      </Typography>
      {attachments.length === 0 ? (
        <Typography sx={{ mb: 1 }}>Aucune pièce n’est jointe.</Typography>
      ) : (
        <List dense aria-label="Pièces jointes de la fiche">
          {attachments.map((a) => (
            <ListItem
              key={a.id}
              secondaryAction={
                <Stack direction="row" spacing={1}>
                  <Button size="small" onClick={() => void download(a)} aria-label={`Télécharger ${a.fileName}`}>
                    Télécharger
                  </Button>
                  {editable ? (
                    <Button size="small" color="error" onClick={() => void remove(a)} aria-label={`Retirer ${a.fileName}`}>
                      Retirer
                    </Button>
                  ) : null}
                </Stack>
              }
            >
              <ListItemText
                primary={`${ATTACHMENT_KINDS[a.kind]} : ${a.fileName}`}
                secondary={`${a.documentDate ? `du ${formatDate(a.documentDate)} — ` : ''}${formatSize(a.size)}${a.label ? ` — ${a.label}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Box aria-live="polite">{message ? <Alert severity={Object.keys(errors).length > 0 ? 'error' : 'success'} sx={{ my: 1 }}>{message}</Alert> : null}</Box>
      {editable ? (
        <Grid container spacing={2} sx={{ mt: 1 }}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              select
              fullWidth
              label="Type de document"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              error={!!errors.kind}
              helperText={errors.kind}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              {Object.entries(ATTACHMENT_KINDS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <DateInput
              label="Date du document"
              value={documentDate}
              onChange={setDocumentDate}
              required={kind === 'convocation'}
              error={errors.documentDate}
              hint={kind === 'convocation' ? 'Date du courrier de convocation' : undefined}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <FormControl error={!!errors.file} fullWidth>
              <FormLabel htmlFor={inputId}>Fichier</FormLabel>
              <Box
                component="input"
                ref={fileRef}
                id={inputId}
                type="file"
                accept={ACCEPT}
                aria-describedby={helpId}
                aria-invalid={errors.file ? true : undefined}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                  const chosen = e.target.files?.[0] ?? null;
                  setFile(chosen);
                  const problem = chosen ? checkFile(chosen) : undefined;
                  setErrors((prev) => {
                    const { file: _old, ...rest } = prev;
                    return problem ? { ...rest, file: problem } : rest;
                  });
                }}
                sx={{ mt: 1, font: 'inherit' }}
              />
              <FormHelperText id={helpId}>{errors.file ?? 'PDF, image (PNG, JPEG) ou document bureautique ; 10 Mo au plus.'}</FormHelperText>
            </FormControl>
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField fullWidth label="Libellé (facultatif)" value={label} onChange={(e) => setLabel(e.target.value)} />
          </Grid>
          <Grid size={{ xs: 12 }}>
            <Button variant="outlined" startIcon={<AttachFileIcon />} onClick={() => void upload()} disabled={busy}>
              {busy ? 'Envoi du fichier…' : 'Joindre le fichier'}
            </Button>
          </Grid>
        </Grid>
      ) : null}
    </Box>
  );
}
