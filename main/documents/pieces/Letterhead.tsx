/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { COLORS, FONT_SIZE } from '../styles';

export interface LetterheadMds {
  name: string;
  territory?: string | null | undefined;
  address?: string | null | undefined;
  /** Where its papers are made: « Fait à <commune>, le … » (a place, never a territory). */
  commune?: string | null | undefined;
}

/** The place a paper is made in (« Fait à Arras, le … »): the MDS's commune, else what the paper had before. */
export function madeAt<T extends string | null | undefined>(mds: LetterheadMds, fallback: T): string | T {
  return mds.commune?.trim() ? mds.commune.trim() : fallback;
}

/**
 * The head of the first page of a document (or of each original): « Conseil départemental », the Maison du
 * Département Solidarité that issues it and its address; `aside` is printed on the right (e.g. a reference).
 */
export function Letterhead({ mds, aside }: { mds: LetterheadMds; aside?: ReactNode }) {
  return (
    <View style={{ flexDirection: 'row', borderBottomWidth: 1.5, borderBottomColor: COLORS.text, paddingBottom: 6, marginBottom: 8 }}>
      <View style={{ flexGrow: 1, flexBasis: 0 }}>
        <Text style={{ fontSize: FONT_SIZE.section, fontWeight: 'bold' }}>CONSEIL DÉPARTEMENTAL</Text>
        <Text style={{ fontWeight: 'bold' }}>Maison du Département Solidarité : {mds.name}</Text>
        {mds.territory ? <Text>Territoire : {mds.territory}</Text> : null}
        {mds.address ? <Text>{mds.address}</Text> : null}
        <Text style={{ color: COLORS.muted, fontSize: FONT_SIZE.small }}>Service Local Allocation Insertion (SLAI)</Text>
      </View>
      {aside ? <View style={{ width: 190, alignItems: 'flex-end' }}>{aside}</View> : null}
    </View>
  );
}
