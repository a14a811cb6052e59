import { useState } from 'react';
import Button from '@mui/material/Button';
import DownloadIcon from '@mui/icons-material/Download';
import { plural } from '../../../shared/domain/format';
import { toApiError, useApi } from '../api/ApiContext';
import { base64ToBlob, saveBlob } from './files';
import { useNotify } from './notifications';
import { useCan } from './permissions';
import { useSession } from './session';

export const EXPORT_PERSON_LABEL = 'Exporter les données de la personne';

/**
 * Right of access (RGPD art. 15), an action of the dossier page: « Exporter les données de la personne » saves the
 * PDF (readable, one table per category) and the JSON file (everything held) that main makes; the export is
 * written in the journal by main. Shown to the administrator and the correspondent, on a dossier of their MDS
 * (what `rgpd.exportPerson` accepts); hidden for everyone else. It lives in kit/ because the dossier screen mounts it
 * and a screen does not import another screen (the RGPD page is screens/rgpd/).
 */
export function PersonDataExportButton({ personId, mdsId }: { personId: number; mdsId: number }) {
  const allowed = useCan('rgpd.exportPerson');
  const { user } = useSession();
  const client = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!allowed || user.mdsId !== mdsId) return null;

  const exportFiles = async () => {
    setBusy(true);
    try {
      const { pdf, json } = await client.call('rgpd.exportPerson', { personId });
      saveBlob(base64ToBlob(pdf.base64, pdf.mime), pdf.fileName);
      saveBlob(new Blob([json.text], { type: `${json.mime};charset=utf-8` }), json.fileName);
      notify(
        `Données de la personne exportées : « ${pdf.fileName} » (${plural(pdf.pageCount, 'page', 'pages')}) et « ${json.fileName} » sont téléchargés. L’export est inscrit au journal.`,
      );
    } catch (error) {
      notify(toApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void exportFiles()}>
      {busy ? 'Export en cours…' : EXPORT_PERSON_LABEL}
    </Button>
  );
}
