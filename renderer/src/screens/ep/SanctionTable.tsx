import Alert from '@mui/material/Alert';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { EpSanction } from '../../../../shared/api/ep';
import { sanctionEnd, sanctionRows } from './format';
import { formatDate } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

/** The month-by-month schedule of a sanction (amounts in euros, fr-FR). */
export function SanctionTable({ sanction, caption }: { sanction: EpSanction; caption?: string }) {
  const rows = sanctionRows(sanction);
  return (
    <>
      <Typography sx={{ mt: 1 }}>
        {sanction.kindLabel} — à partir du {formatDate(sanction.start)}
        {sanction.personAlone ? ' (personne seule)' : ''}.
      </Typography>
      <ScrollTable label={caption ?? `Échéancier de la sanction : ${sanction.kindLabel}`} size="small" sx={{ mt: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>Mois</TableCell>
            <TableCell>Mesure</TableCell>
            <TableCell align="right">RSA sans sanction</TableCell>
            <TableCell align="right">Réduction</TableCell>
            <TableCell align="right">Montant versé</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell sx={{ textTransform: 'capitalize' }}>{r.month}</TableCell>
              <TableCell>
                {r.flag ? <strong>{r.flag} : </strong> : null}
                {r.label}
              </TableCell>
              <TableCell align="right">{r.allowance}</TableCell>
              <TableCell align="right">{r.reduction}</TableCell>
              <TableCell align="right">{r.amountPaid}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {sanctionEnd(sanction)}
      </Typography>
      {sanction.recomputation ? (
        <Alert severity="info" sx={{ mt: 1 }}>
          {sanction.recomputation.text}
        </Alert>
      ) : null}
    </>
  );
}
