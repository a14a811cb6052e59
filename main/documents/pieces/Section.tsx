/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { upper } from '../format';
import { styles } from '../styles';

/**
 * Put before a heading that is the first child of its block, so that its `minPresenceAhead` acts: react-pdf only
 * moves an element to the next page when something of its block stays on this one (a first child never moves, and
 * the heading would end the page alone). Zero height: it prints nothing.
 */
export function KeepWithNextAnchor() {
  return <View style={{ height: 0 }} />;
}

/** A titled part of a document; `breakBefore` starts it on a new page; the title never ends a page alone. */
export function Section({ title, children, breakBefore = false }: { title: string; children: ReactNode; breakBefore?: boolean }) {
  return (
    <View style={styles.section} break={breakBefore}>
      <KeepWithNextAnchor />
      <Text style={styles.sectionTitle} minPresenceAhead={40} wrap={false}>
        {upper(title)}
      </Text>
      {children}
    </View>
  );
}

/** A short paragraph (notes, legal mentions). */
export function Paragraph({ children, small = false, italic = false }: { children: ReactNode; small?: boolean; italic?: boolean }) {
  return <Text style={[styles.paragraph, small ? styles.small : {}, italic ? styles.italic : {}]}>{children}</Text>;
}
