/** @jsxRuntime automatic */
/**
 * The recovery key's sheet, « Clé de secours — à conserver au coffre »: the MDS, the day the key was made, the key in
 * large monospace characters (DejaVu Sans Mono, easy to tell apart), what it is for and how to use it. Printed once,
 * at setup or when an administrator regenerates the key; never archived (it holds the key).
 */
import path from 'node:path';
import { Font, Text, View } from '@react-pdf/renderer';
import { formatDateTime } from '../../../shared/domain/format';
import { ensureDocumentFonts } from '../fonts';
import type { RenderedPages } from '../model';
import { DocumentPage, Letterhead, Paragraph, Section, TitleBlock, type LetterheadMds } from '../pieces';
import { COLORS } from '../styles';

export interface RecoverySheetData {
  mds: LetterheadMds;
  /** The key, in its printed form (6 groups of 5). */
  recoveryKey: string;
  /** When it was made (ISO instant): the sheet's date. */
  createdAt: string;
}

export const RECOVERY_SHEET_TITLE = 'Clé de secours — à conserver au coffre';
const MONO_FAMILY = 'DejaVu Sans Mono';
let monoDir: string | undefined;

/** Registers DejaVu Sans Mono (bold) from the documents' fonts folder, once per folder. */
function ensureMonoFont(): void {
  const dir = ensureDocumentFonts();
  if (monoDir === dir) return;
  Font.register({ family: MONO_FAMILY, fonts: [{ src: path.join(dir, 'DejaVuSansMono-Bold.ttf'), fontWeight: 'bold' }] });
  monoDir = dir;
}

function Steps({ items }: { items: string[] }) {
  return (
    <View>
      {items.map((item, i) => (
        <Paragraph key={item}>
          {i + 1}. {item}
        </Paragraph>
      ))}
    </View>
  );
}

function RecoverySheet({ data }: { data: RecoverySheetData }) {
  return (
    <>
      <Letterhead mds={data.mds} />
      <TitleBlock title={RECOVERY_SHEET_TITLE} subtitle="Parcours RSA – accès de secours à la base de données" lines={[`Établie le ${formatDateTime(data.createdAt)}`]} />
      <View style={{ marginVertical: 14, paddingVertical: 16, borderWidth: 2, borderColor: COLORS.text, alignItems: 'center' }}>
        <Text style={{ fontSize: 9, marginBottom: 8 }}>Clé de secours (6 groupes de 5 caractères)</Text>
        <Text style={{ fontFamily: MONO_FAMILY, fontWeight: 'bold', fontSize: 21, letterSpacing: 0.5 }}>{data.recoveryKey}</Text>
        <Text style={{ fontSize: 8, marginTop: 8, color: COLORS.muted }}>
          Les chiffres 0 et 1 et les lettres O et I n’y figurent jamais. Le dernier groupe est un contrôle : une faute de frappe est signalée.
        </Text>
      </View>
      <Section title="À quoi sert cette clé">
        <Paragraph>
          Les données de la MDS sont chiffrées. Elles s’ouvrent avec le mot de passe d’un compte ou avec cette clé de secours. La clé permet à un administrateur :
        </Paragraph>
        <Paragraph>– de reconstruire le fichier des clés (« parcours.keys.json ») s’il a été perdu ou effacé ;</Paragraph>
        <Paragraph>– de choisir un nouveau mot de passe pour son compte s’il l’a oublié.</Paragraph>
        <Paragraph>Sans mot de passe valable, sans cette clé et sans sauvegarde, les données ne peuvent plus être lues par personne.</Paragraph>
      </Section>
      <Section title="Comment l’utiliser">
        <Steps
          items={[
            'Sur l’écran de connexion de Parcours RSA, choisissez « Clé de secours ».',
            'Saisissez la clé ci-dessus (majuscules ou minuscules, avec ou sans tirets), l’identifiant d’un compte administrateur actif et son nouveau mot de passe.',
            'Connectez-vous avec ce nouveau mot de passe. Si le fichier des clés a été reconstruit, donnez un nouveau mot de passe aux autres comptes : Administration › Clé de secours.',
          ]}
        />
      </Section>
      <Section title="Conservation">
        <Paragraph>
          Rangez cette feuille au coffre, sous enveloppe fermée, à l’écart de l’ordinateur et des sauvegardes. Ne la photographiez pas, ne la recopiez pas dans un
          courriel ni dans un fichier.
        </Paragraph>
        <Paragraph>
          Un administrateur peut générer une nouvelle clé (Administration › Clé de secours) : l’ancienne n’ouvre alors plus rien et cette feuille doit être détruite.
        </Paragraph>
      </Section>
    </>
  );
}

/** The sheet of one recovery key (one page). */
export function recoverySheetPages(data: RecoverySheetData): RenderedPages {
  ensureMonoFont();
  return {
    meta: {
      title: RECOVERY_SHEET_TITLE,
      subject: 'Clé de secours de Parcours RSA',
      author: `Conseil départemental – ${data.mds.name}`,
      date: data.createdAt,
    },
    fileName: `Clé de secours ${data.createdAt.slice(0, 10)}.pdf`,
    copies: 1,
    pages: [
      <DocumentPage key="recovery" reference={`${RECOVERY_SHEET_TITLE} – ${data.mds.name}`} footerNote="Document confidentiel – à conserver au coffre">
        <RecoverySheet data={data} />
      </DocumentPage>,
    ],
  };
}
