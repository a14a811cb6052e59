import { useId } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { statCellText, type StatisticsFilter, type StatTable } from '../../../../shared/api/statistics';
import { ExportButton } from '../../kit/ExportButton';
import { ScrollTable } from '../../kit/ScrollRegion';

/** The chart's rows and series: the count columns (or the mean columns for a line); totals are in the table only. */
function chartData(table: StatTable) {
  const rows = table.rows.filter((r) => r.key !== 'total');
  const series = table.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => (table.chart === 'line' ? c.kind === 'mean' : c.kind === 'count' && c.key !== 'total'))
    .map(({ c, i }) => ({
      id: c.key,
      label: c.label,
      // A hidden cell (« < 5 ») or no value: nothing drawn.
      data: rows.map((r) => (typeof r.cells[i] === 'number' ? (r.cells[i] as number) : null)),
      ...(table.chart === 'stacked' ? { stack: 'total' } : {}),
    }));
  return { labels: rows.map((r) => r.label), series };
}

function Chart({ table }: { table: StatTable }) {
  const { labels, series } = chartData(table);
  if (table.chart === 'line') {
    return <LineChart height={300} xAxis={[{ scaleType: 'point', data: labels }]} series={series.map((s) => ({ ...s, connectNulls: false }))} />;
  }
  return (
    <BarChart
      layout="horizontal"
      height={Math.max(160, 48 + labels.length * (table.chart === 'stacked' ? 28 : 16 + 10 * series.length))}
      yAxis={[{ scaleType: 'band', data: labels, width: 240 }]}
      series={series}
    />
  );
}

/**
 * One figure: its definition, its chart (@mui/x-charts; hidden from screen readers, which read the table instead),
 * its table — the chart's table alternative, always shown — and its export (CSV or Excel, by main, with the same
 * hidden cells; written in the journal).
 */
export function StatFigureCard({ table, filter }: { table: StatTable; filter: StatisticsFilter }) {
  const titleId = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={titleId} sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}>
        <Typography variant="h3" id={titleId} sx={{ fontSize: '1.15rem', fontWeight: 600 }}>
          {table.title}
        </Typography>
        <ExportButton request={{ list: 'statistiques', params: { figure: table.figure, filter } }} label={`Exporter « ${table.title} »`} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 1 }}>
        {table.definition}
      </Typography>
      <Box role="img" aria-label={`Graphique « ${table.title} » : ses valeurs sont dans le tableau qui suit.`}>
        <Chart table={table} />
      </Box>
      <ScrollTable label={table.title} size="small">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              {table.rowHeader}
            </TableCell>
            {table.columns.map((c) => (
              <TableCell key={c.key} component="th" scope="col" align="right">
                {c.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map((r) => (
            <TableRow key={r.key} sx={r.key === 'total' ? { '& > *': { fontWeight: 600 } } : undefined}>
              <TableCell component="th" scope="row">
                {r.label}
              </TableCell>
              {table.columns.map((c, i) => (
                <TableCell key={c.key} align="right">
                  {statCellText(r.cells[i] ?? null, c.kind)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
    </Paper>
  );
}
