/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import { upper } from '../format';
import { COLORS, FONT_SIZE } from '../styles';
import { formatDate } from '../../../shared/domain/format';

export interface SignatureProps {
  /** « Le bénéficiaire », « Le référent »… */
  title: string;
  name?: string | null | undefined;
  /** Second line under the name (structure, function). */
  role?: string | null | undefined;
  /** Print « Lu et approuvé » above the signature (the signer writes it by hand). */
  luEtApprouve?: boolean;
  place?: string | null | undefined;
  /** ISO date of the signature when known; otherwise a line to fill in. */
  date?: string | null | undefined;
  /** Height kept for the signature itself (points). */
  space?: number;
  width?: string;
}

/** A framed signature area: who signs, « Lu et approuvé », « Fait à … le … », room for the signature. */
export function SignatureBlock({ title, name, role, luEtApprouve = false, place, date, space = 48, width = '48%' }: SignatureProps) {
  return (
    <View style={{ width, borderWidth: 0.75, borderColor: COLORS.border, padding: 5, fontSize: FONT_SIZE.field }} wrap={false}>
      <Text style={{ fontWeight: 'bold', fontSize: FONT_SIZE.body }}>{upper(title)}</Text>
      <Text>
        Nom : {name ? <Text style={{ fontWeight: 'bold' }}>{name}</Text> : '……………………………………………'}
      </Text>
      {role ? <Text style={{ color: COLORS.muted }}>{role}</Text> : null}
      <Text>
        Fait à {place ? place : '……………………………'}, le {date ? formatDate(date, 'long') : '……/……/…………'}
      </Text>
      {luEtApprouve ? <Text style={{ fontStyle: 'italic', marginTop: 2 }}>Mention manuscrite « Lu et approuvé »</Text> : null}
      <Text style={{ marginTop: 2, color: COLORS.muted }}>Signature :</Text>
      <View style={{ height: space }} />
    </View>
  );
}

/** Signature blocks side by side, kept together on one page. */
export function SignatureRow({ blocks }: { blocks: SignatureProps[] }) {
  return (
    <View style={{ flexDirection: 'row', justifyContent: 'space-between', flexWrap: 'wrap', marginTop: 6, paddingBottom: 4 }} wrap={false}>
      {blocks.map((b) => (
        <SignatureBlock key={b.title} {...b} />
      ))}
    </View>
  );
}
