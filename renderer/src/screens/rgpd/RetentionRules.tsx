import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../../shared/api/contract';
import { formatDate } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

export type Retention = MethodOutput<'rgpd.retention'>;

/** The retention rules in force: for each kind of data, how long it is kept, what happens then, and why (the texts). */
export function RetentionRules({ retention }: { retention: Retention }) {
  return (
    <Stack component="section" spacing={1} aria-labelledby="rgpd-durees">
      <Typography id="rgpd-durees" variant="h2">
        Durées de conservation
      </Typography>
      <Typography>
        Référentiel version {retention.version}, en vigueur depuis le {formatDate(retention.validFrom)}. Chaque durée est donnée avec son fondement.
      </Typography>
      <ScrollTable label="Durées de conservation et leur fondement" size="small">
        <TableHead>
          <TableRow>
            <TableCell scope="col">Données</TableCell>
            <TableCell scope="col">Durée de conservation</TableCell>
            <TableCell scope="col">À l’issue</TableCell>
            <TableCell scope="col">Fondement</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {retention.rules.map((rule) => (
            <TableRow key={rule.label} sx={{ verticalAlign: 'top' }}>
              <TableCell component="th" scope="row" sx={{ fontWeight: 700 }}>
                {rule.label}
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>{rule.duration}</TableCell>
              <TableCell sx={{ minWidth: 200 }}>{rule.action}</TableCell>
              <TableCell sx={{ minWidth: 320 }}>
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {rule.basis.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </Stack>
  );
}
