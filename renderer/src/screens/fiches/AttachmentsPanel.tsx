import { useId, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
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
import { FilePicker, checkPickedFile, formatSize, type FileLimits } from '../../kit/FilePicker';
import { formatDate } from '../../../../shared/domain/format';

type Kind = keyof typeof ATTACHMENT_KINDS;

const EXTENSIONS = Object.values(ATTACHMENT_TYPES).flat();
const FILE_LIMITS: FileLimits = {
  accept: [...Object.keys(ATTACHMENT_TYPES), ...EXTENSIONS.map((e) => `.${e}`)],
  maxBytes: ATTACHMENT_MAX_BYTES,
  typesLabel: 'PDF, PNG, JPEG ou document bureautique (docx, xlsx, odt, ods, doc, xls)',
};

/** The declared type of a file: its MIME type when accepted, else the one of its extension. */
export function mimeOf(file: { name: string; type: string }): AttachmentMime | undefined {
  if (file.type in ATTACHMENT_TYPES) return file.type as AttachmentMime;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return (Object.entries(ATTACHMENT_TYPES) as [AttachmentMime, readonly string[]][]).find(([, exts]) => exts.includes(ext))?.[0];
}

/** Checks made before reading the file (the API checks again, with the first bytes). */
export const checkFile = (file: { name: string; type: string; size: number }): string | undefined => checkPickedFile(file, FILE_LIMITS);

/**
 * How each attachment is named on the screen: its file name, followed, when another attachment has the same
 * name, by its document date (« du 05/01/2026 ») or, when that does not tell them apart, by its number (« n° 2 »).
 */
export function attachmentLabels(attachments: readonly Pick<AttachmentMeta, 'fileName' | 'documentDate'>[]): string[] {
  const key = (a: Pick<AttachmentMeta, 'fileName'>) => a.fileName.toLowerCase();
  const dated = (a: Pick<AttachmentMeta, 'documentDate'>) => (a.documentDate ? `du ${formatDate(a.documentDate)}` : 'sans date');
  return attachments.map((a, i) => {
    const same = attachments.filter((b) => key(b) === key(a));
    if (same.length === 1) return a.fileName;
    const sameDate = same.filter((b) => dated(b) === dated(a));
    if (sameDate.length === 1) return `${a.fileName} (${dated(a)})`;
    const n = attachments.slice(0, i + 1).filter((b) => key(b) === key(a)).length;
    return `${a.fileName} (n° ${n})`;
  });
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
  const fileRef = useRef<HTMLButtonElement>(null);
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

  const labels = attachmentLabels(attachments);
  const remove = async (a: AttachmentMeta, label: string) => {
    try {
      await client.call('attachments.delete', { attachmentId: a.id });
      setMessage(`« ${label} » est retiré de la fiche.`);
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
          {attachments.map((a, i) => (
            <ListItem
              key={a.id}
              secondaryAction={
                <Stack direction="row" spacing={1}>
                  <Button size="small" onClick={() => void download(a)} aria-label={`Télécharger ${labels[i]}`}>
                    Télécharger
                  </Button>
                  {editable ? (
                    <Button size="small" color="error" onClick={() => void remove(a, labels[i]!)} aria-label={`Retirer ${labels[i]}`}>
                      Retirer
                    </Button>
                  ) : null}
                </Stack>
              }
            >
              <ListItemText
                primary={`${ATTACHMENT_KINDS[a.kind]} : ${labels[i]}`}
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
            <FilePicker
              label="Fichier"
              file={file}
              buttonRef={fileRef}
              {...FILE_LIMITS}
              error={errors.file}
              hint="PDF, image (PNG, JPEG) ou document bureautique ; 10 Mo au plus."
              onChange={(chosen, problem) => {
                setFile(chosen);
                setErrors((prev) => {
                  const { file: _old, ...rest } = prev;
                  return problem ? { ...rest, file: problem } : rest;
                });
              }}
            />
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
