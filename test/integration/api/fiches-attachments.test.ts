/**
 * Attachments: accepted types whose first bytes match, 10 MB at most, stored encrypted in the database (never in
 * clear on disk), downloaded as base64; access per dossier; frozen once the fiche is sent.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, type FicheView } from '../../../shared/api/fiches';
import { b64, contractsWorld, everyTable, expectNothingWritten, files, filesContaining, filesUnder, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;
let fiche: FicheView;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  fiche = await h.ok(
    'fiches.create',
    { personId: w.dA.person.id, type: 'suspension', date: '2026-02-12', motif: 'non_signature', motifPrecision: 'Ne vient pas signer', signatures: { referent: '2026-02-12' } },
    s.refA,
  );
});
afterAll(async () => {
  await h?.dispose();
});

const owner = () => ({ type: 'fiche' as const, id: fiche.id });

describe('types and sizes', () => {
  it('refuses content whose magic bytes do not match the declared type; nothing written', async () => {
    await expectNothingWritten(h, async () => {
      const png = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'photo.png', mime: 'image/png', contentBase64: b64(files.pdf()) }, 'VALIDATION', s.refA);
      expect(png.fieldErrors).toEqual({ contentBase64: 'Le contenu du fichier ne correspond pas à son type : ce n’est pas une image PNG (extension attendue : .png).' });
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
      await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'lettre.pdf', mime: 'application/pdf', contentBase64: b64(exe) }, 'VALIDATION', s.refA);
      const zipNotDocx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]);
      await h.err(
        'attachments.upload',
        { owner: owner(), kind: 'autre', fileName: 'a.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentBase64: b64(zipNotDocx) },
        'VALIDATION',
        s.refA,
      );
      const text = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'a.txt', mime: 'text/plain' as never, contentBase64: b64(Buffer.from('bonjour')) }, 'VALIDATION', s.refA);
      expect(Object.keys(text.fieldErrors ?? {})).toContain('mime');
      const extension = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'lettre.png', mime: 'application/pdf', contentBase64: b64(files.pdf()) }, 'VALIDATION', s.refA);
      expect(extension.fieldErrors?.fileName).toMatch(/extension du fichier ne correspond pas/);
      const notBase64 = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'a.pdf', mime: 'application/pdf', contentBase64: '%%%' }, 'VALIDATION', s.refA);
      expect(notBase64.fieldErrors?.contentBase64).toMatch(/base64/);
      const undated = await h.err('attachments.upload', { owner: owner(), kind: 'convocation', fileName: 'c.pdf', mime: 'application/pdf', contentBase64: b64(files.pdf()) }, 'VALIDATION', s.refA);
      expect(undated.fieldErrors).toEqual({ documentDate: 'Indiquez la date du courrier de convocation' });
    });
  });

  it('refuses a file over 10 MB; nothing written', async () => {
    const justOver = Buffer.concat([files.pdf(), Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - files.pdf().length)]);
    expect(justOver.length).toBe(ATTACHMENT_MAX_BYTES + 1);
    await expectNothingWritten(h, async () => {
      const e = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'gros.pdf', mime: 'application/pdf', contentBase64: b64(justOver) }, 'VALIDATION', s.refA);
      expect(e.fieldErrors?.contentBase64).toMatch(/10 Mo au plus/);
      const huge = Buffer.concat([files.pdf(), Buffer.alloc(12 * 1024 * 1024)]);
      const z = await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'enorme.pdf', mime: 'application/pdf', contentBase64: b64(huge) }, 'VALIDATION', s.refA);
      expect(z.fieldErrors?.contentBase64).toBe('Le fichier dépasse 10 Mo');
    });
    const exactly = Buffer.concat([files.pdf(), Buffer.alloc(ATTACHMENT_MAX_BYTES - files.pdf().length)]);
    const ok = await h.ok('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'limite.pdf', mime: 'application/pdf', contentBase64: b64(exactly) }, s.refA);
    expect(ok.size).toBe(ATTACHMENT_MAX_BYTES);
    await h.ok('attachments.delete', { attachmentId: ok.id }, s.refA);
  });

  it('accepts PDF, PNG, JPEG and office documents', async () => {
    const uploads = [
      ['scan.png', 'image/png', files.png()],
      ['photo.jpeg', 'image/jpeg', files.jpeg()],
      ['courrier.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', files.docx()],
      ['courrier.odt', 'application/vnd.oasis.opendocument.text', files.odt()],
      ['ancien.doc', 'application/msword', files.doc()],
    ] as const;
    for (const [fileName, mime, data] of uploads) {
      const meta = await h.ok('attachments.upload', { owner: owner(), kind: 'courrier', fileName, mime, contentBase64: b64(data) }, s.refA);
      expect(meta).toMatchObject({ fileName, mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), createdBy: 'remi' });
    }
    const list = await h.ok('attachments.list', { owner: owner() }, s.refA);
    expect(list.map((a) => a.fileName)).toEqual(uploads.map((u) => u[0]));
  });
});

describe('storage', () => {
  it('the bytes are stored encrypted in the database: downloaded intact, never in clear on disk', async () => {
    const marker = `MARQUEUR-PIECE-JOINTE-${Date.now()}`;
    const data = files.pdf(marker);
    const meta = await h.ok(
      'attachments.upload',
      { owner: owner(), kind: 'convocation', documentDate: '2026-01-20', label: 'Convocation du 20/01', fileName: 'convocation.pdf', mime: 'application/pdf', contentBase64: b64(data) },
      s.refA,
    );
    const down = await h.ok('attachments.download', { attachmentId: meta.id }, s.refA);
    expect(down).toEqual({ fileName: 'convocation.pdf', mime: 'application/pdf', size: data.length, contentBase64: b64(data) });
    // Stored: the decrypted database holds the bytes…
    const tables = await everyTable(h);
    expect(JSON.stringify(tables.attachment_blobs)).toContain(Buffer.from(marker).toString('hex'));
    // …and no file of the data folder (database, WAL, key file, anything else) has them in clear.
    expect(filesUnder(h.dataDir).length).toBeGreaterThan(1);
    expect(filesContaining(h.dataDir, marker)).toEqual([]);
    expect(filesContaining(h.dataDir, b64(data).slice(0, 24))).toEqual([]);
    await h.restart();
    const again = await h.ok('auth.login', { login: 'remi', password: 'referent-a-mot-de-passe' });
    expect((await h.ok('attachments.download', { attachmentId: meta.id }, again.session)).contentBase64).toBe(b64(data));
    expect(filesContaining(h.dataDir, marker)).toEqual([]);
    s.refA = again.session;
    s.refB = (await h.ok('auth.login', { login: 'berthe', password: 'referent-b-mot-de-passe' })).session;
    s.sec = (await h.ok('auth.login', { login: 'sam', password: 'secretaire-mot-de-passe' })).session;
    s.corr = (await h.ok('auth.login', { login: 'cora', password: 'corresp-mot-de-passe' })).session;
  });
});

describe('access and freezing', () => {
  it('another référent cannot list, download, upload or delete; the EP secretary only reads', async () => {
    const [first] = await h.ok('attachments.list', { owner: owner() }, s.sec);
    await h.ok('attachments.download', { attachmentId: first!.id }, s.sec);
    await expectNothingWritten(h, async () => {
      await h.err('attachments.list', { owner: owner() }, 'FORBIDDEN', s.refB);
      await h.err('attachments.download', { attachmentId: first!.id }, 'FORBIDDEN', s.refB);
      await h.err('attachments.delete', { attachmentId: first!.id }, 'FORBIDDEN', s.refB);
      await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'x.pdf', mime: 'application/pdf', contentBase64: b64(files.pdf()) }, 'FORBIDDEN', s.refB);
      await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'x.pdf', mime: 'application/pdf', contentBase64: b64(files.pdf()) }, 'FORBIDDEN', s.sec);
      await h.err('attachments.delete', { attachmentId: first!.id }, 'FORBIDDEN', s.sec);
      await h.err('attachments.download', { attachmentId: 999999 }, 'NOT_FOUND', s.refA);
      await h.err('attachments.list', { owner: { type: 'contract', id: 999999 } }, 'NOT_FOUND', s.refA);
    });
  });

  it('a draft’s attachment is removed; once the fiche is sent they are frozen', async () => {
    const list = await h.ok('attachments.list', { owner: owner() }, s.refA);
    await h.ok('attachments.delete', { attachmentId: list[0]!.id }, s.refA);
    expect((await h.ok('attachments.list', { owner: owner() }, s.refA)).length).toBe(list.length - 1);
    fiche = await h.ok('fiches.get', { ficheId: fiche.id }, s.refA);
    fiche = await h.ok('fiches.send', { ficheId: fiche.id, version: fiche.version, date: '2026-02-13' }, s.refA);
    await expectNothingWritten(h, async () => {
      await h.err('attachments.delete', { attachmentId: list[1]!.id }, 'RULE', s.refA);
      await h.err('attachments.upload', { owner: owner(), kind: 'autre', fileName: 'x.pdf', mime: 'application/pdf', contentBase64: b64(files.pdf()) }, 'RULE', s.refA);
    });
  });
});
