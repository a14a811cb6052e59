import { useId, useState } from 'react';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import DownloadIcon from '@mui/icons-material/Download';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, EXPORT_SOURCES, type ExportFormat, type ExportRequest } from '../../../shared/api/exports';
import { plural } from '../../../shared/domain/format';
import { toApiError, useApi } from '../api/ApiContext';
import { base64ToBlob, saveBlob } from './files';
import { useNotify } from './notifications';
import { useCan } from './permissions';

export const EXPORT_LABEL = 'Exporter';

/**
 * « Exporter » → CSV or Excel (XLSX): the list the screen shows, with the screen's filter (`request`), as main
 * writes it (only what the user may see; written in the journal), saved under its name. Hidden when the role may
 * not read the list. Every list screen mounts it with its own `request` (and a `label` naming the list when a
 * page has two).
 */
export function ExportButton({
  request,
  disabled = false,
  label = EXPORT_LABEL,
  formats = EXPORT_FORMATS,
}: {
  request: ExportRequest;
  disabled?: boolean;
  label?: string;
  /** The formats offered; with one only, the button exports at once (no menu). */
  formats?: readonly ExportFormat[];
}) {
  const allowed = useCan(EXPORT_SOURCES[request.list]);
  const client = useApi();
  const notify = useNotify();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;

  const run = async (format: ExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      const file = await client.call('exports.list', { ...request, format });
      saveBlob(base64ToBlob(file.base64, file.mime), file.fileName);
      notify(`${plural(file.rows, 'ligne exportée', 'lignes exportées')} dans ${file.fileName}.`);
    } catch (error) {
      notify(toApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        disabled={busy || disabled}
        aria-haspopup={formats.length > 1 ? 'menu' : undefined}
        aria-expanded={open ? 'true' : undefined}
        aria-controls={open ? menuId : undefined}
        onClick={(e) => (formats.length === 1 ? void run(formats[0]!) : setAnchor(e.currentTarget))}
      >
        {busy ? 'Export en cours…' : label}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={open} onClose={() => setAnchor(null)}>
        {formats.map((format) => (
          <MenuItem key={format} onClick={() => void run(format)}>
            {EXPORT_FORMAT_LABELS[format]}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
