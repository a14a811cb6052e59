/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { COLORS, FONT_SIZE, styles } from '../styles';
import { KeepWithNextAnchor } from './Section';
import { notFilled, type Agreement } from '../../../shared/domain/format';

export type FieldValue = string | number | null | undefined | readonly string[];

// Spacing below a block is padding, not margin (see styles.paragraph): react-pdf moves a last block whose bottom
// margin crosses the page end to the next page alone, leaving its heading at the foot of the page.

/** '' for null, undefined, blank text and empty lists; lists are joined with « , ». */
export function valueText(value: FieldValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value.trim();
  return value
    .map((v) => v.trim())
    .filter(Boolean)
    .join(', ');
}

/**
 * What an empty field shows: « non renseigné » (agreed with the label's noun: « non renseignée ») on a dotted
 * line (room to fill it in by hand).
 */
export function EmptyValue({ lines = 1, agreement }: { lines?: number; agreement?: Agreement | undefined }) {
  return (
    <View style={{ flexGrow: 1 }}>
      <Text style={{ fontStyle: 'italic', color: COLORS.muted, borderBottomWidth: 0.75, borderBottomColor: COLORS.border, borderBottomStyle: 'dotted' }}>
        {notFilled(agreement)}
      </Text>
      {Array.from({ length: Math.max(0, lines - 1) }, (_, i) => (
        <View key={i} style={{ height: 14, borderBottomWidth: 0.75, borderBottomColor: COLORS.border, borderBottomStyle: 'dotted' }} />
      ))}
    </View>
  );
}

export interface FieldProps {
  label: string;
  value?: FieldValue;
  /** Share of the row ('50%') or points. */
  width?: string | number;
  /** Dotted lines left for handwriting when empty. */
  lines?: number;
  /** Shown instead of `value` (rich content); counts as filled. */
  children?: ReactNode;
  /** Gender and number of the label's noun, for « non renseigné(e)(s) » (masculine singular by default). */
  agreement?: Agreement;
}

/**
 * « Label : value » (one text: the value wraps under the label), or « Label : non renseigné ……… » on a dotted
 * line to fill in by hand.
 */
export function Field({ label, value, width = '100%', lines = 1, children, agreement }: FieldProps) {
  const shown = valueText(value);
  if (shown && !children) {
    return (
      <Text style={{ width, paddingRight: 6, paddingBottom: 3, fontSize: FONT_SIZE.field }} wrap={false}>
        <Text style={{ fontWeight: 'bold' }}>{label} : </Text>
        {shown}
      </Text>
    );
  }
  return (
    <View style={{ width, flexDirection: 'row', paddingRight: 6, paddingBottom: 3, fontSize: FONT_SIZE.field }} wrap={false}>
      <Text style={{ fontWeight: 'bold', marginRight: 3 }}>{label} :</Text>
      {children ? <View style={{ flexGrow: 1, flexBasis: 0 }}>{children}</View> : <EmptyValue lines={lines} agreement={agreement} />}
    </View>
  );
}

/** Fields side by side, wrapping to the next line. */
export function FieldGrid({ children }: { children: ReactNode }) {
  return <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>{children}</View>;
}

/** A labelled block of free text (comments, objectives): the label, then the text or dotted lines. */
export function TextField({
  label,
  value,
  lines = 3,
  agreement,
}: {
  label: string;
  value?: string | null | undefined;
  lines?: number;
  agreement?: Agreement;
}) {
  const shown = valueText(value);
  return (
    <View style={{ paddingBottom: 4, fontSize: FONT_SIZE.field }}>
      <KeepWithNextAnchor />
      <Text style={{ fontWeight: 'bold', marginBottom: 1 }} minPresenceAhead={14} wrap={false}>
        {label} :
      </Text>
      {shown ? (
        <View style={{ ...styles.box, paddingVertical: 3 }}>
          {shown.split(/\n+/).map((paragraph, i) => (
            <Text key={i} style={{ marginBottom: 1 }}>
              {paragraph}
            </Text>
          ))}
        </View>
      ) : (
        <EmptyValue lines={lines} agreement={agreement} />
      )}
    </View>
  );
}

/** ☒ / ☐ and a label (one text). */
export function Checkbox({ checked, label, detail }: { checked: boolean; label: string; detail?: string | null | undefined }) {
  return (
    <Text style={{ paddingBottom: 1.5, fontWeight: checked ? 'bold' : 'normal' }} wrap={false}>
      {checked ? '☒' : '☐'} {label}
      {detail ? <Text style={{ fontWeight: 'normal' }}> : {detail}</Text> : null}
    </Text>
  );
}

/** Boxes on one line (« ☐ oui   ☐ non »), after an optional bold label. */
export function CheckRow({ label, options }: { label?: string; options: { label: string; checked: boolean }[] }) {
  return (
    <View style={{ flexDirection: 'row', flexWrap: 'wrap', paddingBottom: 2 }} wrap={false}>
      {label ? <Text style={{ fontWeight: 'bold', marginRight: 6 }}>{label}</Text> : null}
      {options.map((o) => (
        <Text key={o.label} style={{ marginRight: 18, fontWeight: o.checked ? 'bold' : 'normal' }}>
          {o.checked ? '☒' : '☐'} {o.label}
        </Text>
      ))}
    </View>
  );
}

/** A group title and its boxes. */
export function CheckGroup({
  title,
  options,
  width = '100%',
}: {
  title?: string | undefined;
  options: { label: string; checked: boolean; detail?: string | null | undefined }[];
  width?: string | number;
}) {
  return (
    <View style={{ width, paddingRight: 6, paddingBottom: 4 }}>
      {title ? <Text style={{ fontWeight: 'bold', marginBottom: 1 }}>{title}</Text> : null}
      {options.map((o) => (
        <Checkbox key={o.label} checked={o.checked} label={o.label} detail={o.detail} />
      ))}
    </View>
  );
}
