/** @jsxRuntime automatic */
/**
 * EDE – Échelle de distance à l’emploi (livret, Annexe 3), one assessment: the grid (8 items × 6 paliers, the
 * chosen palier marked on each item, points and colour of every palier), the curve (the chosen paliers joined
 * across the 8 items, drawn over the colour bands), the points, the total, the orientation proposal and the
 * comments.
 *
 * The colours read in black and white: each coloured palier also carries its letter (V vert, R rose, B bleu)
 * and, on the curve, a pattern (vert: plain, rose: horizontal lines, bleu: grid); the legend repeats both.
 */
import { Circle, Line, Polyline, Rect, Svg, Text, View } from '@react-pdf/renderer';
import type { EtatCivil } from '../../../shared/api/contracts';
import type { EdeAssessment } from '../../../shared/api/interview';
import { EDE_COLOUR_LABELS } from '../../../shared/domain/referentials/ede-grid';
import type { EdeColour, EdeGrid, Versioned } from '../../../shared/domain/referentials/types';
import { EDE_PROPOSAL_LABELS } from '../../../shared/domain/rules/ede';
import { themeLabel } from '../labels';
import type { DocumentContext, RenderedPages } from '../model';
import { DocumentPage, Field, IdentityBlock, Letterhead, Paragraph, Section, Table, TextField, TitleBlock, type Column } from '../pieces';
import { COLORS, FONT_SIZE, styles } from '../styles';
import { identityOf } from './contract';
import { formatDate, personName, plural, pluralForm } from '../../../shared/domain/format';

type Item = EdeAssessment['items'][number];
type GridItem = EdeGrid['items'][number];

export const EDE_COLOURS: Record<EdeColour, { fill: string; letter: string; name: string; pattern: 'none' | 'plain' | 'lines' | 'grid' }> = {
  aucune: { fill: '#ffffff', letter: '', name: 'Sans couleur', pattern: 'none' },
  vert: { fill: '#cdeccd', letter: 'V', name: 'Vert', pattern: 'plain' },
  rose: { fill: '#f6c6da', letter: 'R', name: 'Rose', pattern: 'lines' },
  bleu: { fill: '#a7c7ea', letter: 'B', name: 'Bleu', pattern: 'grid' },
};

const LEVELS = [1, 2, 3, 4, 5, 6] as const;

/** « 4 pts », « 1 pt ». */
const pts = (n: number) => plural(n, 'pt', 'pts');

/** The full grid, the chosen palier of each item framed and marked ☒. */
function GridTable({ grid, items }: { grid: Versioned<EdeGrid>; items: Item[] }) {
  const chosen = new Map(items.map((i) => [i.key, i.palier]));
  const columns: Column<GridItem>[] = [
    {
      header: 'Item',
      width: '13%',
      cell: (it) => (
        <View>
          <Text style={styles.bold}>
            {it.number}. {it.label}
          </Text>
          <Text style={{ color: COLORS.muted }}>{pluralForm(it.themes.length, 'Thème', 'Thèmes')} PAP : {it.themes.join(', ')}</Text>
        </View>
      ),
    },
    ...LEVELS.map(
      (level): Column<GridItem> => ({
        header: `Palier ${level}`,
        width: '13.5%',
        cellStyle: (it) => {
          const p = it.paliers.find((x) => x.level === level);
          const isChosen = chosen.get(it.key) === level;
          return {
            backgroundColor: p ? EDE_COLOURS[p.colour].fill : '#ffffff',
            ...(isChosen ? { borderWidth: 2, borderColor: COLORS.text } : {}),
          };
        },
        cell: (it) => {
          const p = it.paliers.find((x) => x.level === level);
          if (!p) return '';
          const isChosen = chosen.get(it.key) === level;
          const colour = EDE_COLOURS[p.colour];
          return (
            <Text>
              <Text style={{ fontWeight: 'bold' }}>
                {`${isChosen ? '☒' : '☐'} ${pts(p.points)}${colour.letter ? ` – ${colour.letter}` : ''}${isChosen ? ' – CHOISI' : ''}`}
              </Text>
              <Text style={isChosen ? styles.bold : {}}>{`\n${p.description}`}</Text>
            </Text>
          );
        },
      }),
    ),
    { header: 'Points', width: '6%', align: 'center', cell: (it) => { const i = items.find((x) => x.key === it.key); return i ? pts(i.points) : '—'; } },
  ];
  return <Table columns={columns} rows={grid.data.items} fontSize={6.3} />;
}

/** Without the grid the assessment was scored with: the chosen paliers only. */
function ChosenTable({ items }: { items: Item[] }) {
  const columns: Column<Item>[] = [
    { header: 'Item', width: '30%', cell: (i) => `${i.number}. ${i.label}` },
    { header: 'Palier choisi', width: '15%', align: 'center', cell: (i) => String(i.palier) },
    { header: 'Points', width: '15%', align: 'center', cell: (i) => pts(i.points) },
    { header: 'Couleur', width: '20%', cell: (i) => colourText(i.colour) },
    { header: 'Thèmes PAP', width: '20%', cell: (i) => i.themes.join(', ') },
  ];
  return <Table columns={columns} rows={items} />;
}

const colourText = (c: EdeColour) => (EDE_COLOURS[c].letter ? `${EDE_COLOURS[c].letter} – ${EDE_COLOURS[c].name}` : EDE_COLOURS[c].name);

/** A cell's background: the colour and its pattern (so that bands stay distinct in black and white). */
function Band({ x, y, w, h, colour }: { x: number; y: number; w: number; h: number; colour: EdeColour }) {
  const c = EDE_COLOURS[colour];
  const lines: { x1: number; y1: number; x2: number; y2: number }[] = [];
  if (c.pattern === 'lines' || c.pattern === 'grid') {
    for (let yy = y + 3; yy < y + h; yy += 4) lines.push({ x1: x, y1: yy, x2: x + w, y2: yy });
  }
  if (c.pattern === 'grid') {
    for (let xx = x + 3; xx < x + w; xx += 4) lines.push({ x1: xx, y1: y, x2: xx, y2: y + h });
  }
  return (
    <>
      <Rect x={x} y={y} width={w} height={h} fill={c.fill} stroke="#9a9a9a" strokeWidth={0.4} />
      {lines.map((l, i) => (
        <Line key={i} {...l} stroke="#6b6b6b" strokeWidth={0.35} />
      ))}
    </>
  );
}

const CURVE = { col: 72, row: 17, labelWidth: 64 };

/** The curve: items across, paliers up (1 at the bottom), coloured bands, the chosen paliers joined. */
function Curve({ grid, items }: { grid: Versioned<EdeGrid> | null; items: Item[] }) {
  const n = items.length;
  const width = n * CURVE.col;
  const height = LEVELS.length * CURVE.row;
  const yOf = (level: number) => height - (level - 0.5) * CURVE.row;
  const xOf = (index: number) => (index + 0.5) * CURVE.col;
  const colourAt = (item: Item, level: number): EdeColour =>
    grid?.data.items.find((g) => g.key === item.key)?.paliers.find((p) => p.level === level)?.colour ?? (item.palier === level ? item.colour : 'aucune');
  const points = items.map((item, i) => `${xOf(i)},${yOf(item.palier)}`).join(' ');
  return (
    <View wrap={false} style={{ marginVertical: 4 }}>
      <View style={{ flexDirection: 'row' }}>
        <View style={{ width: CURVE.labelWidth }}>
          {[...LEVELS].reverse().map((level) => (
            <Text key={level} style={{ height: CURVE.row, fontSize: FONT_SIZE.small, textAlign: 'right', paddingRight: 4, paddingTop: 4 }}>
              Palier {level}
            </Text>
          ))}
        </View>
        <Svg width={width} height={height}>
          {items.map((item, i) =>
            LEVELS.map((level) => (
              <Band key={`${item.key}-${level}`} x={i * CURVE.col} y={height - level * CURVE.row} w={CURVE.col} h={CURVE.row} colour={colourAt(item, level)} />
            )),
          )}
          <Polyline points={points} fill="none" stroke="#000000" strokeWidth={1.6} />
          {items.map((item, i) => (
            <Circle key={item.key} cx={xOf(i)} cy={yOf(item.palier)} r={3.2} fill="#000000" />
          ))}
        </Svg>
      </View>
      <View style={{ flexDirection: 'row', marginLeft: CURVE.labelWidth }}>
        {items.map((item) => (
          <Text key={item.key} style={{ width: CURVE.col, fontSize: FONT_SIZE.small, textAlign: 'center', paddingTop: 2 }}>
            {item.number}. {item.label} ({item.palier})
          </Text>
        ))}
      </View>
    </View>
  );
}

function Legend() {
  const colours: EdeColour[] = ['aucune', 'vert', 'rose', 'bleu'];
  return (
    <View style={{ marginTop: 4 }} wrap={false}>
      <Text style={styles.bold}>Légende des couleurs (lisible en noir et blanc : lettre et motif)</Text>
      {colours.map((c) => (
        <View key={c} style={{ flexDirection: 'row', alignItems: 'center', marginTop: 2 }}>
          <Svg width={22} height={11}>
            <Band x={0} y={0} w={22} h={11} colour={c} />
          </Svg>
          <Text style={{ width: 70, paddingLeft: 4, fontWeight: 'bold' }}>{colourText(c)}</Text>
          <Text style={{ flexGrow: 1, flexBasis: 0 }}>{EDE_COLOUR_LABELS[c]}</Text>
        </View>
      ))}
    </View>
  );
}

function EdeDocument({ ede, grid, etatCivil, ctx }: { ede: EdeAssessment; grid: Versioned<EdeGrid> | null; etatCivil: EtatCivil; ctx: DocumentContext }) {
  const identity = identityOf(etatCivil);
  const items = [...ede.items].sort((a, b) => a.number - b.number);
  const flagged = (colour: 'vert' | 'rose' | 'bleu') =>
    ede.flags[colour].map((key) => items.find((i) => i.key === key)?.label ?? key);
  const summary: Column<Item>[] = [
    { header: 'Item', width: '22%', cell: (i) => `${i.number}. ${i.label}` },
    { header: 'Palier', width: '7%', align: 'center', cell: (i) => String(i.palier) },
    { header: 'Points', width: '8%', align: 'center', cell: (i) => pts(i.points) },
    { header: 'Couleur', width: '10%', cell: (i) => colourText(i.colour) },
    { header: 'Thèmes PAP', width: '15%', cell: (i) => i.themes.map(themeLabel).join(', ') },
    { header: 'Commentaire', width: '38%', cell: (i) => i.comment ?? '' },
  ];
  return (
    <DocumentPage
      orientation="landscape"
      reference={`EDE du ${formatDate(ede.date)} – ${personName(identity)} – N° CAF ${identity.cafNumber}`}
      footerNote="Échelle de distance à l’emploi – livret du référent RSA, Annexe 3"
    >
      <Letterhead mds={ctx.mds} aside={<Text style={styles.bold}>Total : {pts(ede.total)}</Text>} />
      <TitleBlock
        title="Échelle de distance à l’emploi"
        subtitle="Livret du référent RSA – Annexe 3"
        lines={[`Évaluation du ${formatDate(ede.date)} – grille version ${ede.gridVersion} – saisie par ${ede.createdBy.displayName}`]}
      />
      <IdentityBlock person={identity} />
      <Paragraph small italic>
        Pour chaque item, le bénéficiaire et son référent s’accordent sur le palier qui correspond le mieux à la situation telle que la
        personne la voit (1 : aucun frein, 6 : frein majeur). Chaque palier vaut des points ; leur somme propose une orientation.
      </Paragraph>

      <Section title="Grille : palier choisi pour chaque item">
        {grid ? (
          <GridTable grid={grid} items={items} />
        ) : (
          <>
            <Paragraph small italic>
              La grille version {ede.gridVersion} n’est plus disponible : seuls les paliers choisis sont imprimés.
            </Paragraph>
            <ChosenTable items={items} />
          </>
        )}
        <Paragraph small italic>
          ☒ : palier choisi (cadre épais). Couleur du palier : V vert, R rose, B bleu (légende sous la courbe).
        </Paragraph>
      </Section>

      <Section title="Courbe des paliers choisis" breakBefore>
        <Curve grid={grid} items={items} />
        <Legend />
      </Section>

      <Section title="Points, total et proposition d’orientation">
        <Table columns={summary} rows={items} />
        <Field label="Total" value={pts(ede.total)} />
        <Field label="Proposition" agreement="f" value={EDE_PROPOSAL_LABELS[ede.proposal]} />
        <Field label="Motif" value={ede.reason} />
        <Field label="Items en vert (points de vigilance)" agreement="mp" value={flagged('vert')} />
        <Field label="Items en rose (à l’appréciation de l’EP ou de l’EO)" agreement="mp" value={flagged('rose')} />
        <Field label="Items en bleu (réels freins à l’emploi)" agreement="mp" value={flagged('bleu')} />
        <Field label="Thèmes du PAP à travailler en priorité" agreement="mp" value={ede.themes.map(themeLabel)} />
        <TextField label="Commentaires" agreement="mp" value={items.filter((i) => i.comment).map((i) => `${i.label} : ${i.comment}`).join('\n')} lines={3} />
      </Section>
    </DocumentPage>
  );
}

/** `grid`: the grid version the assessment was scored with, or null when it is no longer known. */
export function edePages(ede: EdeAssessment, grid: Versioned<EdeGrid> | null, etatCivil: EtatCivil, ctx: DocumentContext): RenderedPages {
  const name = personName(etatCivil);
  const usable = grid && grid.version === ede.gridVersion ? grid : null;
  return {
    meta: {
      title: `EDE du ${formatDate(ede.date)} – ${name}`,
      subject: 'Échelle de distance à l’emploi (Annexe 3)',
      author: `Conseil départemental – ${ctx.mds.name}`,
      keywords: 'EDE, échelle de distance à l’emploi, RSA',
      date: ede.createdAt,
    },
    pages: [<EdeDocument ede={ede} grid={usable} etatCivil={etatCivil} ctx={ctx} />],
    fileName: `EDE ${ede.date} – ${name}.pdf`,
    copies: 1,
  };
}
