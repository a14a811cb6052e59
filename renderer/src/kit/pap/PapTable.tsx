import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ContractView } from '../../../../shared/api/contracts';
import { RESULTAT_LABELS } from '../../../../shared/domain/rules/pap';
import { ScrollRegion } from '../ScrollRegion';
import { themeLabel } from './papModel';
import { formatDate } from '../../../../shared/domain/format';

/** The actions of a PAP, read-only (contract page, fiche de liaison). */
export function PapTable({ rows, caption = 'Actions du plan d’accompagnement' }: { rows: ContractView['pap']['actions']; caption?: string }) {
  if (rows.length === 0) return <Typography>Aucune action.</Typography>;
  return (
    <ScrollRegion aria-label={caption}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">N°</TableCell>
            <TableCell scope="col">Thème</TableCell>
            <TableCell scope="col">Action</TableCell>
            <TableCell scope="col">Services sollicités</TableCell>
            <TableCell scope="col">Période</TableCell>
            <TableCell scope="col">Engagements</TableCell>
            <TableCell scope="col">Résultat</TableCell>
            <TableCell scope="col">Bilan-commentaires</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r, i) => (
            <TableRow key={`${r.actionCode}-${i}`}>
              <TableCell>{i + 1}</TableCell>
              <TableCell>{themeLabel(r.theme)}</TableCell>
              <TableCell>
                {`${r.actionCode} — ${r.actionLabel}`}
                {r.carriedOver ? (
                  <Typography variant="body2" color="text.secondary">
                    Reprise du contrat précédent
                  </Typography>
                ) : null}
                {r.derogationObtained ? (
                  <Typography variant="body2" color="text.secondary">
                    Dérogation obtenue
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>{r.services.join(', ') || '—'}</TableCell>
              <TableCell>{`du ${formatDate(r.start)} au ${formatDate(r.end)}`}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{`Référent : ${r.engagementReferent}\nBénéficiaire : ${r.engagementBeneficiaire}`}</TableCell>
              <TableCell>{r.resultat ? RESULTAT_LABELS[r.resultat] : 'Non renseigné'}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{r.bilan ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}
