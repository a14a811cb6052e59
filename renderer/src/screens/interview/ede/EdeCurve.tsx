import { useId } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { EdeColour } from '../../../../../shared/domain/referentials/types';
import { COLOUR_NAMES, colourMeaning } from './edeModel';
import { ScrollRegion } from '../../../kit/ScrollRegion';
import { plural } from '../../../../../shared/domain/format';

/**
 * The EDE curve, as on the paper form (Annexe 3): the items one under the other, the 6 paliers from left
 * (aucun frein) to right (frein majeur), each cell filled with its colour AND a pattern (readable in black
 * and white), the chosen paliers marked and joined by a line. Two series overlay for an evolution: the first
 * solid with round marks, the second dashed with square marks. A table gives the same data in text.
 */

export interface CurveItem {
  key: string;
  number: number;
  label: string;
  paliers: readonly { level: number; colour: EdeColour; points: number }[];
}

export interface CurveSeries {
  /** Legend and table heading, e.g. « EDE du 12/03/2026 ». */
  label: string;
  /** Item key → palier (1..6); missing while not chosen. */
  paliers: Readonly<Record<string, number | null | undefined>>;
}

export const CURVE_LAYOUT = {
  labelWidth: 300,
  top: 58,
  colWidth: 72,
  rowHeight: 42,
  right: 12,
  bottom: 10,
  levels: 6,
} as const;

/** Centre of palier `level` (1..6) on the horizontal axis. */
export const palierX = (level: number): number => CURVE_LAYOUT.labelWidth + (level - 0.5) * CURVE_LAYOUT.colWidth;
/** Centre of the row of the item at `index` (0-based) on the vertical axis. */
export const itemY = (index: number): number => CURVE_LAYOUT.top + (index + 0.5) * CURVE_LAYOUT.rowHeight;

export const curveSize = (itemCount: number) => ({
  width: CURVE_LAYOUT.labelWidth + CURVE_LAYOUT.levels * CURVE_LAYOUT.colWidth + CURVE_LAYOUT.right,
  height: CURVE_LAYOUT.top + itemCount * CURVE_LAYOUT.rowHeight + CURVE_LAYOUT.bottom,
});

const FILL: Record<EdeColour, string> = { aucune: '#ffffff', vert: '#d9efd9', rose: '#f9dce9', bleu: '#d8e5f8' };
const INK: Record<EdeColour, string> = { aucune: '#ffffff', vert: '#2e6b30', rose: '#9c2a5e', bleu: '#1f4f99' };
const SERIES_STYLE = [
  { stroke: '#1b1f24', dash: undefined, marker: 'circle' as const },
  { stroke: '#8a1c1c', dash: '7 5', marker: 'square' as const },
];

/** Splits a label into at most two lines of about `max` characters. */
function wrap(text: string, max = 34): string[] {
  if (text.length <= max) return [text];
  const words = text.split(' ');
  let first = '';
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= max) first = `${first} ${words.shift()}`.trim();
  const rest = words.join(' ');
  return [first, rest.length > max + 6 ? `${rest.slice(0, max + 5)}…` : rest];
}

/** The colour of a column when every item shares it (the default grid), else null. */
function columnColour(items: readonly CurveItem[], level: number): EdeColour | null {
  const colours = new Set(items.map((i) => i.paliers.find((p) => p.level === level)?.colour ?? 'aucune'));
  return colours.size === 1 ? [...colours][0]! : null;
}

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-vert`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill={FILL.vert} />
        <line x1="0" y1="0" x2="0" y2="8" stroke={INK.vert} strokeWidth="1.5" strokeOpacity="0.45" />
      </pattern>
      <pattern id={`${prefix}-rose`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={FILL.rose} />
        <circle cx="4" cy="4" r="1.4" fill={INK.rose} fillOpacity="0.5" />
      </pattern>
      <pattern id={`${prefix}-bleu`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={FILL.bleu} />
        <path d="M0 0L8 8M8 0L0 8" stroke={INK.bleu} strokeWidth="1.1" strokeOpacity="0.45" />
      </pattern>
    </defs>
  );
}

const cellFill = (prefix: string, colour: EdeColour) => (colour === 'aucune' ? FILL.aucune : `url(#${prefix}-${colour})`);

export interface EdeCurveProps {
  items: readonly CurveItem[];
  /** One series (an assessment, or the form being filled) or two (an evolution). */
  series: readonly CurveSeries[];
  /** Accessible name of the figure. */
  title: string;
  /** Show the table under the curve (the text alternative). Default true. */
  showTable?: boolean;
}

export function EdeCurve({ items, series, title, showTable = true }: EdeCurveProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const prefix = `ede-${uid}`;
  const { width, height } = curveSize(items.length);
  const { labelWidth, top, colWidth, rowHeight } = CURVE_LAYOUT;
  const levels = [1, 2, 3, 4, 5, 6];
  const description = series
    .map(
      (s) =>
        `${s.label} : ${items
          .map((it) => `item ${it.number} ${it.label}, ${s.paliers[it.key] ? `palier ${s.paliers[it.key]}` : 'non renseigné'}`)
          .join(' ; ')}.`,
    )
    .join(' ');
  return (
    <Box>
      <ScrollRegion aria-label={title}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          style={{ maxWidth: width, minWidth: 560, display: 'block', fontFamily: 'inherit' }}
          role="img"
          aria-labelledby={`${prefix}-title`}
          aria-describedby={`${prefix}-desc`}
          data-testid="ede-curve"
        >
          <title id={`${prefix}-title`}>{title}</title>
          <desc id={`${prefix}-desc`}>{description}</desc>
          <Patterns prefix={prefix} />
          {/* Column headings: palier number and, when the whole column shares it, its colour in words. */}
          {levels.map((level) => {
            const colour = columnColour(items, level);
            return (
              <g key={level} aria-hidden="true">
                <text x={palierX(level)} y={20} textAnchor="middle" fontSize="13" fontWeight="700" fill="#1b1f24">
                  Palier {level}
                </text>
                {colour && colour !== 'aucune' ? (
                  <text x={palierX(level)} y={40} textAnchor="middle" fontSize="12" fill={INK[colour]} fontWeight="700">
                    {COLOUR_NAMES[colour].toLowerCase()}
                  </text>
                ) : null}
              </g>
            );
          })}
          <text x={8} y={40} fontSize="12" fill="#4a5260" aria-hidden="true">
            Item
          </text>
          {items.map((item, index) => {
            const y0 = top + index * rowHeight;
            const lines = wrap(`${item.number}. ${item.label}`);
            return (
              <g key={item.key} aria-hidden="true">
                {item.paliers.map((p) => {
                  const uniform = columnColour(items, p.level) !== null;
                  return (
                    <g key={p.level}>
                      <rect
                        x={labelWidth + (p.level - 1) * colWidth}
                        y={y0}
                        width={colWidth}
                        height={rowHeight}
                        fill={cellFill(prefix, p.colour)}
                        stroke="#7a8494"
                        strokeWidth="0.75"
                        data-colour={p.colour}
                      />
                      {!uniform && p.colour !== 'aucune' ? (
                        <text x={labelWidth + (p.level - 1) * colWidth + 4} y={y0 + 12} fontSize="10" fill={INK[p.colour]} fontWeight="700">
                          {p.colour[0]!.toUpperCase()}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
                <text x={8} y={itemY(index) + (lines.length > 1 ? -3 : 4)} fontSize="13" fill="#1b1f24">
                  {lines.map((line, i) => (
                    <tspan key={i} x={8} dy={i === 0 ? 0 : 15}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
          {series.map((s, si) => {
            const style = SERIES_STYLE[si % SERIES_STYLE.length]!;
            const points = items.map((item, index) => {
              const level = s.paliers[item.key];
              return typeof level === 'number' ? { key: item.key, level, x: palierX(level), y: itemY(index) } : null;
            });
            const segments: string[] = [];
            points.forEach((p, i) => {
              const next = points[i + 1];
              if (p && next) segments.push(`M${p.x} ${p.y}L${next.x} ${next.y}`);
            });
            return (
              <g key={si} data-series={si} aria-hidden="true">
                {segments.length > 0 ? (
                  <path d={segments.join('')} fill="none" stroke={style.stroke} strokeWidth="2.5" strokeDasharray={style.dash} data-testid={`ede-curve-line-${si}`} />
                ) : null}
                {points.map((p) =>
                  p === null ? null : style.marker === 'circle' ? (
                    <circle key={p.key} cx={p.x} cy={p.y} r="7" fill={style.stroke} stroke="#ffffff" strokeWidth="2" data-item={p.key} data-palier={p.level} />
                  ) : (
                    <rect
                      key={p.key}
                      x={p.x - 7}
                      y={p.y - 7}
                      width="14"
                      height="14"
                      fill="#ffffff"
                      stroke={style.stroke}
                      strokeWidth="3"
                      data-item={p.key}
                      data-palier={p.level}
                    />
                  ),
                )}
              </g>
            );
          })}
        </svg>
      </ScrollRegion>
      <CurveLegend prefix={prefix} series={series} items={items} />
      {showTable ? <CurveTable items={items} series={series} title={title} /> : null}
    </Box>
  );
}

function CurveLegend({ prefix, series, items }: { prefix: string; series: readonly CurveSeries[]; items: readonly CurveItem[] }) {
  const used = new Set(items.flatMap((i) => i.paliers.map((p) => p.colour)));
  const colours = (['vert', 'rose', 'bleu'] as const).filter((c) => used.has(c));
  return (
    <Stack component="ul" aria-label="Légende de la courbe" direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', listStyle: 'none', p: 0, m: 0, mt: 1 }}>
      {series.length > 1
        ? series.map((s, si) => {
            const style = SERIES_STYLE[si % SERIES_STYLE.length]!;
            return (
              <Box component="li" key={si} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <svg width="44" height="16" aria-hidden="true">
                  <line x1="2" y1="8" x2="42" y2="8" stroke={style.stroke} strokeWidth="2.5" strokeDasharray={style.dash} />
                  {style.marker === 'circle' ? (
                    <circle cx="22" cy="8" r="5" fill={style.stroke} />
                  ) : (
                    <rect x="17" y="3" width="10" height="10" fill="#fff" stroke={style.stroke} strokeWidth="2.5" />
                  )}
                </svg>
                <span>
                  {s.label} ({si === 0 ? 'trait plein, ronds' : 'pointillés, carrés'})
                </span>
              </Box>
            );
          })
        : null}
      {colours.map((c) => (
        <Box component="li" key={c} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <svg width="22" height="16" aria-hidden="true">
            <rect width="22" height="16" fill={`url(#${prefix}-${c})`} stroke="#7a8494" />
          </svg>
          <span>
            {COLOUR_NAMES[c]} : {colourMeaning(c).charAt(0).toLowerCase() + colourMeaning(c).slice(1)}
          </span>
        </Box>
      ))}
    </Stack>
  );
}

/** The curve as a table: per item, the palier (and its points and colour) of each series. */
function CurveTable({ items, series, title }: { items: readonly CurveItem[]; series: readonly CurveSeries[]; title: string }) {
  return (
    <ScrollRegion variant="outlined" aria-label={`${title} (tableau)`} sx={{ mt: 2 }}>
      <Table size="small" aria-label={`${title} (tableau)`}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">Item</TableCell>
            {series.map((s, si) => (
              <TableCell scope="col" key={si}>
                {series.length > 1 ? `${s.label} : palier` : 'Palier'}
              </TableCell>
            ))}
            {series.map((s, si) => (
              <TableCell scope="col" key={`p${si}`}>
                {series.length > 1 ? `${s.label} : points et couleur` : 'Points et couleur'}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.key}>
              <TableCell component="th" scope="row">
                {item.number}. {item.label}
              </TableCell>
              {series.map((s, si) => (
                <TableCell key={si}>{s.paliers[item.key] ?? 'Non renseigné'}</TableCell>
              ))}
              {series.map((s, si) => {
                const p = item.paliers.find((x) => x.level === s.paliers[item.key]);
                return (
                  <TableCell key={`p${si}`}>
                    {p ? `${plural(p.points, 'point', 'points')}, ${COLOUR_NAMES[p.colour].toLowerCase()}` : '—'}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
        Palier 1 : aucun frein selon le bénéficiaire ; palier 6 : frein majeur.
      </Typography>
    </ScrollRegion>
  );
}
