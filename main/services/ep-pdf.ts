/** The EP session file as a PDF (main/documents/ep), full or anonymised. */
import { findMds } from '../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import { renderSessionFile, sessionFilePages } from '../documents/ep/session-file';
import type { AuthedCall } from './context';
import { accessibleSession } from './ep-common';
import { sessionFileData } from './ep-documents';

export async function filePdf(input: MethodParsedInput<'ep.sessions.filePdf'>, call: AuthedCall): Promise<MethodOutput<'ep.sessions.filePdf'>> {
  const db = call.open.db;
  const { session, ep } = accessibleSession(db, call.actor, input.sessionId);
  const data = sessionFileData(db, session, ep, input.anonymised);
  const mds = findMds(db, call.actor.mdsId);
  const doc = sessionFilePages(data, { mds: { name: mds?.name ?? '', territory: mds?.territory ?? ep.territory, address: mds?.address ?? null } });
  const bytes = await renderSessionFile(doc);
  return { fileName: doc.fileName, mime: 'application/pdf', contentBase64: bytes.toString('base64') };
}
