/**
 * The server's certificate: the administrator's files (`--tls-cert`, `--tls-key`), or one self-signed certificate made
 * once with `selfsigned` and kept in `<data-dir>/tls/` (key 0600), so its fingerprint — pinned by the desktop clients —
 * stays the same from one start to the next.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), « AB:CD:… ». */
  fingerprint: string;
  /** Where they were read from. */
  certFile: string;
  keyFile: string;
  /** Last day of validity (ISO instant). */
  validTo: string;
}

export const TLS_FOLDER = 'tls';
export const SELF_SIGNED_CERT = 'server.crt';
export const SELF_SIGNED_KEY = 'server.key';
/** A self-signed certificate lasts 5 years; its renewal changes the pinned fingerprint (docs/deployment.md). */
const SELF_SIGNED_YEARS = 5;

export class TlsError extends Error {}

/** « AB:CD:… » SHA-256 fingerprint of a PEM certificate. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Reads and checks a certificate and its key (they must match). */
export async function loadTls(certFile: string, keyFile: string): Promise<TlsMaterial> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([fsp.readFile(certFile, 'utf8'), fsp.readFile(keyFile, 'utf8')]);
  } catch (error) {
    throw new TlsError(`Certificat ou clé TLS illisible : ${(error as Error).message}`);
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error('la clé privée ne correspond pas au certificat');
  } catch (error) {
    throw new TlsError(`Certificat TLS refusé (${certFile}) : ${(error as Error).message}`);
  }
  return { cert, key, fingerprint: x509.fingerprint256, certFile, keyFile, validTo: new Date(x509.validTo).toISOString() };
}

/**
 * The self-signed certificate of this data folder: read when it exists, created once otherwise (for the listen host
 * and the public name, plus localhost and 127.0.0.1).
 */
export async function selfSignedTls(dataDir: string, names: readonly string[]): Promise<TlsMaterial & { created: boolean }> {
  const folder = path.join(dataDir, TLS_FOLDER);
  const certFile = path.join(folder, SELF_SIGNED_CERT);
  const keyFile = path.join(folder, SELF_SIGNED_KEY);
  const exists = await Promise.all([certFile, keyFile].map((f) => fsp.access(f).then(() => true, () => false)));
  if (exists[0] && exists[1]) return { ...(await loadTls(certFile, keyFile)), created: false };

  const { generate } = await import('selfsigned');
  const unique = [...new Set(['localhost', '127.0.0.1', ...names].filter((n) => n !== '' && n !== '0.0.0.0' && n !== '::'))];
  const commonName = names.find((n) => n !== '' && n !== '0.0.0.0' && n !== '::') ?? 'localhost';
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + SELF_SIGNED_YEARS);
  const pems = await generate([{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'Parcours RSA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: unique.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  await fsp.mkdir(folder, { recursive: true, mode: 0o700 });
  // 'wx': never overwrite (another start racing this one keeps its own files and fails here, loudly).
  await fsp.writeFile(keyFile, pems.private, { mode: 0o600, flag: 'wx' });
  await fsp.writeFile(certFile, pems.cert, { mode: 0o600, flag: 'wx' });
  return { ...(await loadTls(certFile, keyFile)), created: true };
}
