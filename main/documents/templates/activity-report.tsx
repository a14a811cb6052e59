/** @jsxRuntime automatic */
/**
 * « Rapport d’activité » (issue 15 §3): the statistics of one MDS over a period, chapter by chapter as the
 * « Statistiques » screen shows them — for each figure its definition, a simple chart drawn with Svg primitives
 * (bars, stacked bars or lines, in greys with a legend: readable in black and white) and its table. The tables come
 * from main/services/statistics with the small cells already hidden (« < 5 »); the charts leave those out.
 */
import { Circle, G, Line, Polyline, Rect, Svg, Text, View } from '@react-pdf/renderer';
import { STAT_SECTIONS, statCellText, type StatScope, type StatTable } from '../../../shared/api/statistics';
import { formatDate } from '../../../shared/domain/format';
import { renderDocument } from '../index';
import type { DocumentContext, RenderedPages } from '../model';
import { upper } from '../format';
import { DocumentPage, Letterhead, Paragraph, Table, TitleBlock } from '../pieces';
import { COLORS, FONT_SIZE, styles } from '../styles';

export interface ActivityReport {
  scope: StatScope;
  tables: StatTable[];
  madeOn: string;
  madeBy: string;
}

const FILLS = ['#262626', '#8c8c8c', '#d0d0d0', '#595959', '#b3b3b3', '#ffffff', '#404040'];
const DASHES = [undefined, '4,2', '1,2', '6,2,1,2'];
const LABEL_WIDTH = 170;
const CHART_WIDTH = 330;

const numeric = (cell: StatTable['rows'][number]['cells'][number]): number => (typeof cell === 'number' ? cell : 0);
/** The chart's rows: the total row is in the table only. */
const chartRows = (t: StatTable) => t.rows.filter((r) => r.key !== 'total');
/** The chart's series: the mean columns for a line, else the count columns but their total. */
const seriesOf = (t: StatTable) =>
  t.columns.map((c, i) => ({ ...c, index: i })).filter((c) => (t.chart === 'line' ? c.kind === 'mean' : c.kind === 'count' && c.key !== 'total'));

function Legend({ table }: { table: StatTable }) {
  const series = seriesOf(table);
  return (
    <View style={{ flexDirection: 'row', flexWrap: 'wrap', marginLeft: LABEL_WIDTH, marginBottom: 2 }}>
      {series.map((s, i) => (
        <View key={s.key} style={{ flexDirection: 'row', alignItems: 'center', marginRight: 8 }}>
          <Svg width={16} height={8}>
            {table.chart === 'line' ? (
              <Line x1={0} y1={4} x2={16} y2={4} stroke="#000000" strokeWidth={1.2} strokeDasharray={DASHES[i % DASHES.length]} />
            ) : (
              <Rect x={0.5} y={0.5} width={15} height={7} fill={FILLS[i % FILLS.length]} stroke="#000000" strokeWidth={0.4} />
            )}
          </Svg>
          <Text style={{ fontSize: FONT_SIZE.small, marginLeft: 2 }}>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Bars({ table }: { table: StatTable }) {
  const series = seriesOf(table);
  const rows = chartRows(table);
  const stacked = table.chart === 'stacked';
  const totals = rows.map((r) => (stacked ? series.reduce((t, s) => t + numeric(r.cells[s.index] ?? null), 0) : Math.max(0, ...series.map((s) => numeric(r.cells[s.index] ?? null)))));
  const max = Math.max(1, ...totals);
  const bar = 7;
  return (
    <View wrap={false} style={{ marginVertical: 4 }}>
      <Legend table={table} />
      {rows.map((r) => {
        const height = stacked ? bar + 2 : series.length * bar + 2;
        let x = 0;
        return (
          <View key={r.key} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 1 }}>
            <Text style={{ width: LABEL_WIDTH, fontSize: FONT_SIZE.small, paddingRight: 4, textAlign: 'right' }}>{r.label}</Text>
            <Svg width={CHART_WIDTH} height={height}>
              <Line x1={0} y1={0} x2={0} y2={height} stroke="#000000" strokeWidth={0.5} />
              {series.map((s, i) => {
                const w = (numeric(r.cells[s.index] ?? null) / max) * (CHART_WIDTH - 4);
                const rect = stacked ? { x, y: 1, width: w, height: bar } : { x: 0, y: 1 + i * bar, width: w, height: bar - 1 };
                if (stacked) x += w;
                return w > 0 ? <Rect key={s.key} {...rect} fill={FILLS[i % FILLS.length]} stroke="#000000" strokeWidth={0.3} /> : null;
              })}
            </Svg>
          </View>
        );
      })}
    </View>
  );
}

function Lines({ table }: { table: StatTable }) {
  const series = seriesOf(table);
  const rows = chartRows(table);
  const values = rows.flatMap((r) => series.map((s) => numeric(r.cells[s.index] ?? null)));
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const height = 110;
  const step = (CHART_WIDTH + LABEL_WIDTH - 40) / Math.max(1, rows.length);
  const xOf = (i: number) => 20 + (i + 0.5) * step;
  const yOf = (v: number) => height - 6 - ((v - min) / (max - min)) * (height - 12);
  return (
    <View wrap={false} style={{ marginVertical: 4 }}>
      <Legend table={table} />
      <Svg width={CHART_WIDTH + LABEL_WIDTH} height={height}>
        <Line x1={20} y1={yOf(min)} x2={CHART_WIDTH + LABEL_WIDTH} y2={yOf(min)} stroke="#000000" strokeWidth={0.5} />
        {min < 0 ? <Line x1={20} y1={yOf(0)} x2={CHART_WIDTH + LABEL_WIDTH} y2={yOf(0)} stroke={COLORS.border} strokeWidth={0.4} /> : null}
        {series.map((s, i) => {
          const points = rows.map((r, j) => ({ r, x: xOf(j), v: r.cells[s.index] ?? null })).filter((p) => typeof p.v === 'number');
          return (
            <G key={s.key}>
              <Polyline points={points.map((p) => `${p.x},${yOf(p.v as number)}`).join(' ')} fill="none" stroke="#000000" strokeWidth={1.2} strokeDasharray={DASHES[i % DASHES.length]} />
              {points.map((p) => (
                <Circle key={p.r.key} cx={p.x} cy={yOf(p.v as number)} r={1.8} fill="#000000" />
              ))}
            </G>
          );
        })}
      </Svg>
      <View style={{ flexDirection: 'row', marginLeft: 20 }}>
        {rows.map((r) => (
          <Text key={r.key} style={{ width: step, fontSize: FONT_SIZE.small - 1, textAlign: 'center' }}>
            {r.label}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** One figure; the first of a chapter carries the chapter's heading, kept with its chart (a heading never ends a page). */
function Figure({ table, chapter }: { table: StatTable; chapter?: string | undefined }) {
  const width = `${Math.floor(62 / Math.max(1, table.columns.length))}%`;
  return (
    <View style={{ marginBottom: 6 }}>
      {/* The title, the definition and the chart stay together (a title never ends a page). */}
      <View wrap={false}>
        {chapter ? <Text style={[styles.sectionTitle, { marginTop: 6 }]}>{upper(chapter)}</Text> : null}
        <Text style={{ fontWeight: 'bold', fontSize: FONT_SIZE.field, marginTop: 4 }}>{table.title}</Text>
        <Paragraph small italic>
          {table.definition}
        </Paragraph>
        {table.chart === 'line' ? <Lines table={table} /> : <Bars table={table} />}
      </View>
      <Table
        columns={[
          { header: table.rowHeader, width: '38%', cell: (r: StatTable['rows'][number]) => r.label },
          ...table.columns.map((c, i) => ({ header: c.label, width, align: 'right' as const, cell: (r: StatTable['rows'][number]) => statCellText(r.cells[i] ?? null, c.kind) })),
        ]}
        rows={table.rows}
      />
    </View>
  );
}

const scopeLines = (scope: StatScope): string[] => [
  `${scope.mds.name} – du ${formatDate(scope.from)} au ${formatDate(scope.to)}`,
  ...(scope.organisme ? [`Organisme : ${scope.organisme.name}`] : []),
  ...(scope.referent ? [`Référent : ${scope.referent.displayName}`] : []),
];

/** The report, one chapter per section of the screen. */
export function activityReportPages(report: ActivityReport, ctx: DocumentContext): RenderedPages {
  const { scope } = report;
  const byFigure = new Map(report.tables.map((t) => [t.figure, t]));
  return {
    meta: {
      title: `Rapport d’activité – ${scope.mds.name} – ${formatDate(scope.from)} au ${formatDate(scope.to)}`,
      subject: 'Statistiques et évaluation des parcours d’insertion',
      author: `Conseil départemental – ${ctx.mds.name}`,
      date: report.madeOn,
    },
    fileName: `Rapport d’activité ${scope.from} ${scope.to}.pdf`,
    copies: 1,
    pages: [
      <DocumentPage key="report" reference={`Rapport d’activité – ${scope.mds.name}`} footerNote="Conseil départemental – Revenu de solidarité active – Rapport d’activité">
        <Letterhead mds={ctx.mds} />
        <TitleBlock title="Rapport d’activité" subtitle="Suivi, cohérence et évaluation des parcours d’insertion" lines={scopeLines(scope)} />
        <Paragraph small>
          Établi par {report.madeBy} le {formatDate(report.madeOn, 'long')}. Pour qu’aucune personne ne puisse être reconnue, les nombres inférieurs à 5
          personnes, et les délais, parts et moyennes calculés sur moins de 5 personnes, sont remplacés par « &lt; 5 » ; les graphiques les omettent.
        </Paragraph>
        {Object.entries(STAT_SECTIONS).flatMap(([, section]) =>
          section.figures.flatMap((f) => byFigure.get(f) ?? []).map((t, i) => <Figure key={t.figure} table={t} chapter={i === 0 ? section.title : undefined} />),
        )}
      </DocumentPage>,
    ],
  };
}

/** The PDF of the report. */
export const activityReportPdf = (report: ActivityReport, ctx: DocumentContext): Promise<Buffer> => renderDocument(activityReportPages(report, ctx));
