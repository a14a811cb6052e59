/**
 * Text normalisation at the API boundary: every string of a request is put in Unicode NFC, lone UTF-16 surrogates
 * become U+FFFD (they cannot be stored as UTF-8), and control characters are removed except tab, line feed and
 * carriage return. Object keys are left alone (the schemas check them). Applied by main's dispatcher to every input.
 */

// Lone surrogates: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls but \t \n \r, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function normalizeString(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').normalize('NFC');
}

/** A copy of `value` with every string normalised (arrays and plain objects walked; depth-bounded by the envelope). */
export function normalizeText(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return normalizeString(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => normalizeText(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalizeText(v, depth + 1);
  return out;
}
