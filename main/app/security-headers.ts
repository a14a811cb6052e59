/**
 * Security policy shared by both hosts (Electron and browser mode). Pure: no Node, no Electron.
 * The renderer's index.html carries the same policy in a <meta http-equiv="Content-Security-Policy">
 * as a fallback (file:// responses in Electron have no headers to add it to).
 */

/** MUI/emotion inject <style> elements at run time, hence 'unsafe-inline' for styles only. */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = Object.freeze({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
});

/** The Content-Security-Policy header value. */
export function cspHeader(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** Headers sent with every response of the browser-mode host. */
export function baseSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': cspHeader(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}
