/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';
import type { ReactNode } from 'react';
import { COLORS, FONT_SIZE } from '../styles';

export interface Column<R> {
  header: string;
  /** Share of the table's width, e.g. '20%'. */
  width: string;
  cell: (row: R, index: number) => ReactNode;
  align?: 'left' | 'center' | 'right';
  /** Extra style of a body cell (background, frame). */
  cellStyle?: (row: R) => Style;
}

const cellStyle = (width: string, align: 'left' | 'center' | 'right' = 'left', last = false) => ({
  width,
  paddingVertical: 2,
  paddingHorizontal: 3,
  borderRightWidth: last ? 0 : 0.5,
  borderRightColor: COLORS.border,
  textAlign: align,
});

/** Rows this long (characters) may split across pages; shorter rows move whole to the next page. */
const SPLITTABLE_ROW_CHARS = 900;

/**
 * A table whose header row repeats at the top of every page it spans (a `fixed` child of the table's view),
 * whose short rows never split across pages, and that says so when empty.
 */
export function Table<R>({
  columns,
  rows,
  empty = 'Aucune ligne.',
  rowLength,
  fontSize = FONT_SIZE.small + 0.5,
}: {
  columns: Column<R>[];
  rows: readonly R[];
  empty?: string;
  /** Approximate length of a row's text, to let very long rows split. */
  rowLength?: (row: R) => number;
  fontSize?: number;
}) {
  return (
    <View style={{ borderWidth: 0.75, borderColor: COLORS.border, fontSize, marginBottom: 6 }}>
      <View fixed style={{ flexDirection: 'row', backgroundColor: COLORS.header, borderBottomWidth: 0.75, borderBottomColor: COLORS.border }}>
        {columns.map((c, i) => (
          <Text key={c.header} style={[cellStyle(c.width, c.align, i === columns.length - 1), { fontWeight: 'bold' }]}>
            {c.header}
          </Text>
        ))}
      </View>
      {rows.length === 0 ? (
        <Text style={{ padding: 4, fontStyle: 'italic', color: COLORS.muted }}>{empty}</Text>
      ) : (
        rows.map((row, index) => (
          <View
            key={index}
            wrap={rowLength ? rowLength(row) > SPLITTABLE_ROW_CHARS : false}
            style={{ flexDirection: 'row', borderTopWidth: index === 0 ? 0 : 0.5, borderTopColor: COLORS.border }}
          >
            {columns.map((c, i) => {
              const content = c.cell(row, index);
              const style = [cellStyle(c.width, c.align, i === columns.length - 1), c.cellStyle ? c.cellStyle(row) : {}];
              // A plain cell is one text node (fewer nodes to lay out); a rich one a view.
              return typeof content === 'string' || typeof content === 'number' ? (
                <Text key={c.header} style={style}>
                  {content}
                </Text>
              ) : (
                <View key={c.header} style={style}>
                  {content}
                </View>
              );
            })}
          </View>
        ))
      )}
    </View>
  );
}
