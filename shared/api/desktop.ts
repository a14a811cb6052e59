/**
 * The desktop app's connection (issue 14 §3): « Poste autonome » or « Se connecter au serveur de la MDS », the server's
 * pinned certificate and its replacement by an administrator. Only the Electron app has it; the browser never does.
 *
 * No second preload function and no second IPC channel: the connection screen's four calls travel as envelopes named
 * `desktop.*` on the preload's single `invoke` and the single IPC channel; main answers them itself (after checking
 * the sender and every field with zod) and never forwards them to the App or the server.
 */
import type { ApiResponse } from './transport';

export const DESKTOP_METHODS = {
  getConnection: 'desktop.getConnection',
  probe: 'desktop.probe',
  choose: 'desktop.choose',
  acceptCertificate: 'desktop.acceptCertificate',
} as const;
export type DesktopMethod = (typeof DESKTOP_METHODS)[keyof typeof DESKTOP_METHODS];

/** Prefix of the envelopes main keeps for itself. */
export const DESKTOP_METHOD_PREFIX = 'desktop.';

/** A changed server certificate: what was pinned, what the server shows now. */
export interface CertificateChange {
  pinned: string;
  presented: string;
  /** The French refusal, as the API answers it. */
  message: string;
}

/** Where the desktop app's data lives. */
export type DesktopConnection =
  /** First run: nothing chosen yet (`notice`: the settings file was damaged and is asked again). */
  | { mode: 'none'; notice?: string | undefined }
  | { mode: 'autonome' }
  | { mode: 'serveur'; url: string; fingerprint: string; acceptedAt: string; certificateChanged?: CertificateChange | undefined };

/** The server's certificate, read without trusting it, for the user to compare with the fingerprint given by the MDS. */
export interface ServerCertificate {
  /** The normalised address, `https://host:port/`. */
  url: string;
  /** SHA-256 of the certificate, `AB:CD:…` (32 bytes). */
  fingerprint: string;
  /** The certificate's subject (common name, else the whole subject). */
  subject: string;
  /** Issuer (common name), equal to the subject for a self-signed certificate. */
  issuer: string;
  /** End of validity, ISO instant. */
  validTo: string;
}

export type DesktopChoice = { mode: 'autonome' } | { mode: 'serveur'; url: string; fingerprint: string };

/** What the connection screen can ask main (typed; main re-checks everything). */
export interface DesktopApi {
  getConnection(): Promise<ApiResponse<DesktopConnection>>;
  probe(url: string): Promise<ApiResponse<ServerCertificate>>;
  choose(choice: DesktopChoice): Promise<ApiResponse<DesktopConnection>>;
  /** Re-pins `fingerprint` after an administrator of the server signed in through it (then signed out). */
  acceptCertificate(input: { login: string; password: string; fingerprint: string }): Promise<ApiResponse<DesktopConnection>>;
}

/** SHA-256 fingerprint as Node prints it: 32 upper-case hexadecimal bytes separated by colons. */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
