/** @jsxRuntime automatic */
import { Canvas, Text, View } from '@react-pdf/renderer';
import { PAGE_NUMBER_ID } from '../engine';
import { COLORS, FONT_SIZE, PAGE_MARGIN } from '../styles';

/**
 * Repeated at the bottom of every page: a note on the left, « page x / n » on the right. The number is drawn
 * by the engine once the pages are known (canvas `parcours:page-number`), counted per section and per copy.
 */
export function PageFooter({ note }: { note: string }) {
  return (
    <>
      <View
        fixed
        style={{
          position: 'absolute',
          bottom: PAGE_MARGIN - 14,
          left: PAGE_MARGIN,
          right: PAGE_MARGIN,
          borderTopWidth: 0.5,
          borderTopColor: COLORS.border,
          paddingTop: 3,
          paddingRight: 80,
          fontSize: FONT_SIZE.small,
          color: COLORS.muted,
        }}
      >
        <Text>{note}</Text>
      </View>
      <Canvas
        id={PAGE_NUMBER_ID}
        fixed
        style={{ position: 'absolute', bottom: PAGE_MARGIN - 24, right: PAGE_MARGIN, width: 78, height: 10 }}
        paint={() => null}
      />
    </>
  );
}
