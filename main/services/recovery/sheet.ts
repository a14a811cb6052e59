/**
 * Issuing a recovery key (a new key, then its slot in the keys file and the spare copy), and its sheet (PDF), rendered
 * on demand. The PDF engine is loaded on the sheet's first call only (never at start-up nor at setup: see
 * test/unit/startup-imports.test.ts).
 */
import { generateRecoveryKey, setRecoverySlot } from '../../../db/keyslots';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { RecoveryIssued } from '../../../shared/api/recovery';

/** A new recovery key for the database `key`: its slot replaces the previous one, which no longer opens anything. */
export async function issueRecoveryKey(keyPath: string, key: Buffer, at: string): Promise<RecoveryIssued> {
  const recoveryKey = generateRecoveryKey();
  await setRecoverySlot(keyPath, recoveryKey, key);
  return { recoveryKey, createdAt: at };
}

/** The sheet « Clé de secours — à conserver au coffre » of a key (never archived: it holds the key). */
export async function sheet(input: MethodParsedInput<'recovery.sheet'>): Promise<MethodOutput<'recovery.sheet'>> {
  const [{ renderDocument }, { recoverySheetPages }] = await Promise.all([import('../../documents'), import('../../documents/templates/recovery-sheet')]);
  const doc = recoverySheetPages(input);
  const pdf = await renderDocument(doc);
  return { fileName: doc.fileName, base64: pdf.toString('base64') };
}
