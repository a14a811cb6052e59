/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import { upper } from '../format';
import { COLORS, FONT_SIZE } from '../styles';

/** The document's title, an optional subtitle (its annex in the livret) and lines of context. */
export function TitleBlock({ title, subtitle, lines = [] }: { title: string; subtitle?: string | undefined; lines?: string[] }) {
  return (
    <View style={{ alignItems: 'center', marginBottom: 8, paddingVertical: 6, borderWidth: 1.5, borderColor: COLORS.text }}>
      <Text style={{ fontSize: FONT_SIZE.title, fontWeight: 'bold', textAlign: 'center' }}>{upper(title)}</Text>
      {subtitle ? <Text style={{ fontSize: FONT_SIZE.field, color: COLORS.muted, textAlign: 'center' }}>{subtitle}</Text> : null}
      {lines.map((line) => (
        <Text key={line} style={{ fontSize: FONT_SIZE.field, textAlign: 'center', fontWeight: 'bold' }}>
          {line}
        </Text>
      ))}
    </View>
  );
}
