/** @jsxRuntime automatic */
import { Text, View } from '@react-pdf/renderer';
import { COLORS } from '../styles';

/** The watermark of drafts. */
export const PROJECT_WATERMARK = 'PROJET – ne vaut pas contrat';

/** Big grey diagonal text over every page of the <Page> it sits in (drawn last, translucent: never hidden). */
export function Watermark({ text }: { text: string }) {
  return (
    <View fixed style={{ position: 'absolute', top: 0, bottom: 0, left: 0, right: 0, justifyContent: 'center', alignItems: 'center' }}>
      <Text
        style={{
          fontSize: 40,
          fontWeight: 'bold',
          color: COLORS.watermark,
          opacity: 0.4,
          transform: 'rotate(-50deg)',
          width: 700,
          textAlign: 'center',
        }}
      >
        {text}
      </Text>
    </View>
  );
}
