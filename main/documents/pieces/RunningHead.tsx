/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import { COPY_NODE_PREFIX } from '../engine';
import { COLORS, FONT_SIZE, PAGE_MARGIN } from '../styles';

const COPY_MARK_WIDTH = 210;

/**
 * Repeated at the top of every page: the document's reference on the left (whose document this is, should
 * the sheets be separated) and, for originals, the mark of each copy on the right (« Exemplaire original 1/2
 * – transmis au SLAI »). The marks share one absolutely positioned place: the engine keeps, in each copy, its
 * own mark only (nodes `parcours:copy-<n>`), and the content never moves.
 */
export function RunningHead({ reference, copyLabels = [] }: { reference: string; copyLabels?: readonly string[] }) {
  const right = PAGE_MARGIN;
  return (
    <>
      <View fixed style={{ position: 'absolute', top: PAGE_MARGIN - 10, left: PAGE_MARGIN, right: right + (copyLabels.length ? COPY_MARK_WIDTH + 6 : 0) }}>
        <Text style={{ fontSize: FONT_SIZE.small, color: COLORS.muted }}>{reference}</Text>
      </View>
      {copyLabels.map((label, i) => (
        <View
          key={label}
          id={`${COPY_NODE_PREFIX}${i}`}
          fixed
          style={{ position: 'absolute', top: PAGE_MARGIN - 13, right, width: COPY_MARK_WIDTH, borderWidth: 1, borderColor: COLORS.text, paddingVertical: 2, paddingHorizontal: 4 }}
        >
          <Text style={{ fontWeight: 'bold', fontSize: FONT_SIZE.body, textAlign: 'center' }}>{label}</Text>
        </View>
      ))}
    </>
  );
}
