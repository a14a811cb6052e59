/**
 * Attachments of fiches and contracts (convocation letters, CV, scans): PDF, PNG/JPEG or office documents,
 * 10 MB at most, whose first bytes match the declared type. The bytes are stored in the encrypted database
 * (attachment_blobs), never as files; they travel as base64 in the API.
 */
import { createHash } from 'node:crypto';
import {
  attachmentData,
  attachmentsOf,
  deleteAttachment,
  findAttachment,
  findContract,
  findFiche,
  insertAttachment,
  recordContractsAudit,
  type DbOrTx,
} from '../../../db/queries';
import type { Attachment } from '../../../db/schema-contracts';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentMeta, type AttachmentMime } from '../../../shared/api/fiches';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .doc, .xls (Compound File Binary)

const startsWith = (data: Buffer, bytes: readonly number[]): boolean => data.length >= bytes.length && bytes.every((b, i) => data[i] === b);

/**
 * true when the content is of the declared type: its signature (magic bytes), and for the ZIP-based office
 * formats the part that tells them apart (OOXML: `word/`, `xl/`; OpenDocument: the leading `mimetype` entry).
 */
export function contentMatchesType(data: Buffer, mime: AttachmentMime): boolean {
  switch (mime) {
    case 'application/pdf':
      return startsWith(data, PDF);
    case 'image/png':
      return startsWith(data, PNG);
    case 'image/jpeg':
      return startsWith(data, JPEG);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return startsWith(data, ZIP) && data.includes('word/');
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return startsWith(data, ZIP) && data.includes('xl/');
    case 'application/vnd.oasis.opendocument.text':
    case 'application/vnd.oasis.opendocument.spreadsheet':
      return startsWith(data, ZIP) && data.subarray(0, 200).toString('latin1').includes(`mimetype${mime}`);
    case 'application/msword':
    case 'application/vnd.ms-excel':
      return startsWith(data, OLE2);
  }
}

const TYPE_NAMES: Record<AttachmentMime, string> = {
  'application/pdf': 'un PDF',
  'image/png': 'une image PNG',
  'image/jpeg': 'une image JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'un document Word (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'un classeur Excel (.xlsx)',
  'application/vnd.oasis.opendocument.text': 'un texte OpenDocument (.odt)',
  'application/vnd.oasis.opendocument.spreadsheet': 'un classeur OpenDocument (.ods)',
  'application/msword': 'un document Word 97-2003 (.doc)',
  'application/vnd.ms-excel': 'un classeur Excel 97-2003 (.xls)',
};

export function attachmentMeta(a: Attachment): AttachmentMeta {
  return {
    id: a.id,
    personId: a.personId,
    owner: { type: a.ownerType, id: a.ownerId },
    kind: a.kind,
    fileName: a.fileName,
    mime: a.mime as AttachmentMime,
    size: a.size,
    sha256: a.sha256,
    documentDate: a.documentDate,
    label: a.label,
    createdAt: a.createdAt,
    createdBy: a.createdByLogin,
  };
}

interface Owner {
  personId: number;
  /** Attachments may be added / removed now. */
  open: boolean;
  closedMessage: string;
}

/** The fiche or contract an attachment belongs to, if the actor may access its dossier. */
function accessibleOwner(db: DbOrTx, actor: Actor, owner: { type: 'fiche' | 'contract'; id: number }): Owner {
  if (owner.type === 'fiche') {
    const fiche = findFiche(db, owner.id);
    if (!fiche) throw new ApiError('NOT_FOUND', 'Cette fiche de liaison est introuvable.');
    accessibleDossier(db, actor, fiche.personId);
    return {
      personId: fiche.personId,
      open: fiche.status === 'brouillon',
      closedMessage: 'Cette fiche a été envoyée : ses pièces jointes ne changent plus.',
    };
  }
  const contract = findContract(db, owner.id);
  if (!contract) throw new ApiError('NOT_FOUND', 'Ce contrat est introuvable.');
  accessibleDossier(db, actor, contract.personId);
  return {
    personId: contract.personId,
    open: contract.status === 'brouillon',
    closedMessage: 'Ce contrat est signé : ses pièces jointes restent au dossier.',
  };
}

const contentError = (message: string) => new ApiError('VALIDATION', message, { contentBase64: message });

export function upload(input: MethodParsedInput<'attachments.upload'>, call: AuthedCall): MethodOutput<'attachments.upload'> {
  const { actor } = call;
  const db = call.open.db;
  const owner = accessibleOwner(db, actor, input.owner);
  // A signed contract may still receive documents (e.g. the scan of the signed copy); a sent fiche may not.
  if (input.owner.type === 'fiche' && !owner.open) throw new ApiError('RULE', owner.closedMessage, { owner: owner.closedMessage });
  const data = Buffer.from(input.contentBase64, 'base64');
  if (data.length === 0) throw contentError('Le fichier est vide.');
  if (data.length > ATTACHMENT_MAX_BYTES) {
    throw contentError(`Le fichier pèse ${(data.length / 1024 / 1024).toFixed(1).replace('.', ',')} Mo : 10 Mo au plus.`);
  }
  if (!contentMatchesType(data, input.mime)) {
    throw contentError(
      `Le contenu du fichier ne correspond pas à son type : ce n’est pas ${TYPE_NAMES[input.mime]} (extension attendue : .${ATTACHMENT_TYPES[input.mime].join(', .')}).`,
    );
  }
  const at = call.app.nowIso();
  const row = db.transaction((tx) => {
    const inserted = insertAttachment(
      tx,
      {
        personId: owner.personId,
        ownerType: input.owner.type,
        ownerId: input.owner.id,
        kind: input.kind,
        fileName: input.fileName,
        mime: input.mime,
        size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        documentDate: input.documentDate ?? null,
        label: input.label ?? null,
        createdById: actor.id,
        createdByLogin: actor.login,
        createdAt: at,
      },
      data,
    );
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'attachment', entityId: inserted.id, action: 'create', before: null, after: inserted });
    return inserted;
  });
  return attachmentMeta(row);
}

export function list(input: MethodParsedInput<'attachments.list'>, call: AuthedCall): MethodOutput<'attachments.list'> {
  const db = call.open.db;
  accessibleOwner(db, call.actor, input.owner);
  return attachmentsOf(db, input.owner.type, input.owner.id).map(attachmentMeta);
}

function accessibleAttachment(db: DbOrTx, actor: Actor, id: number): { attachment: Attachment; owner: Owner } {
  const attachment = findAttachment(db, id);
  if (!attachment) throw new ApiError('NOT_FOUND', 'Cette pièce jointe est introuvable.');
  const owner = accessibleOwner(db, actor, { type: attachment.ownerType, id: attachment.ownerId });
  return { attachment, owner };
}

export function download(input: MethodParsedInput<'attachments.download'>, call: AuthedCall): MethodOutput<'attachments.download'> {
  const db = call.open.db;
  const { attachment } = accessibleAttachment(db, call.actor, input.attachmentId);
  const data = attachmentData(db, attachment.id);
  if (!data) throw new Error(`pièce jointe ${attachment.id} sans contenu`);
  return { fileName: attachment.fileName, mime: attachment.mime as AttachmentMime, size: attachment.size, contentBase64: data.toString('base64') };
}

export function remove(input: MethodParsedInput<'attachments.delete'>, call: AuthedCall): MethodOutput<'attachments.delete'> {
  const { actor } = call;
  const db = call.open.db;
  const { attachment, owner } = accessibleAttachment(db, actor, input.attachmentId);
  if (!owner.open) throw new ApiError('RULE', owner.closedMessage);
  const at = call.app.nowIso();
  db.transaction((tx) => {
    deleteAttachment(tx, attachment.id);
    recordContractsAudit(tx, { actor: auditActor(actor), at, entity: 'attachment', entityId: attachment.id, action: 'delete', before: attachment, after: null });
  });
  return { ok: true };
}
