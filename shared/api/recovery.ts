/**
 * The recovery key (« clé de secours »): one more key slot, printed at setup on a sheet kept in the safe. With it an
 * administrator rebuilds a lost keys file or sets a new password for their account; an administrator may regenerate
 * it (the old one then opens nothing). Also the orphan key slots (a slot without an active account of the MDS, left by
 * a crash between the key file's write and the database's).
 *
 * The key: 25 random symbols (125 bits) and a check group of 5, in 6 groups of 5 separated by dashes, from an
 * alphabet without 0, O, 1 or I. The check group is a Reed-Solomon code over GF(32) (5 check symbols): any typo of up to
 * five characters — a wrong character, two swapped — is caught before anything is tried.
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, newPasswordSchema } from './common';
import { def, empty, ok, type MethodDef } from './method';

/** 32 symbols: digits 2–9 and the letters without I and O. */
export const RECOVERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECOVERY_DATA_SYMBOLS = 25;
export const RECOVERY_CHECK_SYMBOLS = 5;
export const RECOVERY_GROUP = 5;
const TOTAL = RECOVERY_DATA_SYMBOLS + RECOVERY_CHECK_SYMBOLS;

// GF(32), primitive polynomial x^5 + x^2 + 1.
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(0);
for (let i = 0, x = 1; i < 31; i += 1) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 32) x ^= 0b100101;
}
const mul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : EXP[(LOG[a]! + LOG[b]!) % 31]!);

/** Generator polynomial ∏ (x − α^i), i = 0…4, highest degree first (monic). */
const GENERATOR = (() => {
  let g = [1];
  for (let i = 0; i < RECOVERY_CHECK_SYMBOLS; i += 1) {
    const next = new Array<number>(g.length + 1).fill(0);
    g.forEach((c, j) => {
      next[j]! ^= c;
      next[j + 1]! ^= mul(c, EXP[i]!);
    });
    g = next;
  }
  return g;
})();

/** The 5 check symbols of 25 data symbols (remainder of data·x^5 divided by the generator). */
function checkSymbols(data: readonly number[]): number[] {
  const rem = new Array<number>(RECOVERY_CHECK_SYMBOLS).fill(0);
  for (const symbol of data) {
    const factor = symbol ^ rem[0]!;
    rem.shift();
    rem.push(0);
    for (let j = 0; j < RECOVERY_CHECK_SYMBOLS; j += 1) rem[j]! ^= mul(GENERATOR[j + 1]!, factor);
  }
  return rem;
}

const grouped = (symbols: string): string => symbols.match(new RegExp(`.{1,${RECOVERY_GROUP}}`, 'g'))!.join('-');

/**
 * A printable recovery key from 25 random bytes (each gives one symbol: its low 5 bits). Main draws the bytes
 * (crypto.randomBytes); this only spells them.
 */
export function recoveryKeyFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < RECOVERY_DATA_SYMBOLS) throw new Error('25 octets aléatoires attendus');
  const data = Array.from({ length: RECOVERY_DATA_SYMBOLS }, (_, i) => bytes[i]! & 31);
  return grouped([...data, ...checkSymbols(data)].map((s) => RECOVERY_ALPHABET[s]).join(''));
}

export type RecoveryKeyCheck = { ok: true; key: string } | { ok: false; message: string };

/**
 * Reads a recovery key as typed (any case, spaces or dashes anywhere): its canonical form (6 dashed groups), or why
 * it is not one — a missing or extra character, a character never used, or a typo caught by the check group.
 */
export function checkRecoveryKey(typed: string): RecoveryKeyCheck {
  const compact = typed.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (compact.length === 0) return { ok: false, message: 'Saisissez la clé de secours.' };
  const unknown = [...new Set([...compact].filter((c) => !RECOVERY_ALPHABET.includes(c)))];
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Caractère${unknown.length > 1 ? 's' : ''} absent${unknown.length > 1 ? 's' : ''} des clés de secours : ${unknown.map((c) => `« ${c} »`).join(', ')} (les chiffres 0 et 1 et les lettres O et I n’y figurent jamais).`,
    };
  }
  if (compact.length !== TOTAL) {
    return { ok: false, message: `La clé de secours compte ${TOTAL} caractères (6 groupes de 5) ; ${compact.length} ont été saisis.` };
  }
  const symbols = [...compact].map((c) => RECOVERY_ALPHABET.indexOf(c));
  const expected = checkSymbols(symbols.slice(0, RECOVERY_DATA_SYMBOLS));
  if (expected.some((s, i) => s !== symbols[RECOVERY_DATA_SYMBOLS + i])) {
    return { ok: false, message: 'La clé de secours contient une faute de frappe : relisez chaque groupe sur la feuille.' };
  }
  return { ok: true, key: grouped(compact) };
}

/** A recovery key as typed → its canonical form; a typo is a validation error. */
export const recoveryKeySchema = z
  .string()
  .max(200, 'La clé de secours compte 30 caractères (6 groupes de 5).')
  .transform((typed, ctx) => {
    const checked = checkRecoveryKey(typed);
    if (checked.ok) return checked.key;
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  });

/** A recovery key just issued: shown once (its sheet: `recovery.sheet`). */
export const recoveryIssuedSchema = z.object({
  recoveryKey: z.string(),
  createdAt: isoDateTimeSchema,
});
export type RecoveryIssued = z.output<typeof recoveryIssuedSchema>;

export const orphanSlotSchema = z.object({
  login: z.string(),
  createdAt: z.string(),
  /** 'aucun_compte': no account has this login (a creation interrupted); 'compte_desactive': the account was removed. */
  reason: z.enum(['aucun_compte', 'compte_desactive']),
});
export type OrphanSlot = z.output<typeof orphanSlotSchema>;

export const restoreAccessInputSchema = z.object({
  recoveryKey: recoveryKeySchema,
  /** An active administrator account. */
  login: z.string().trim().toLowerCase().min(1, 'Saisissez l’identifiant de l’administrateur').max(40),
  newPassword: newPasswordSchema,
});

const ADMIN = ['administrateur'] as const;

export const recoverySheetInputSchema = z.object({
  recoveryKey: recoveryKeySchema,
  createdAt: isoDateTimeSchema,
  /** The MDS printed at the head of the sheet (the one just created at setup, or the administrator's). */
  mds: z.object({
    name: z.string().min(1).max(120),
    territory: z.string().max(120).optional(),
    address: z.string().max(300).optional(),
    commune: z.string().max(120).optional(),
  }),
});

export const recoveryMethods = {
  /** Whether a recovery key exists, since when, and whether its spare copy (beside the keys file) is in place. */
  'recovery.status': def({
    input: empty,
    output: z.object({
      exists: z.boolean(),
      createdAt: z.string().nullable(),
      /** The copy of the recovery slot kept in `parcours.recovery.json` (used when the keys file is lost). */
      spareCopy: z.boolean(),
    }),
    access: ADMIN,
    writes: false,
  }),
  /**
   * The sheet of a recovery key just shown (PDF, base64), rendered on demand: it is never stored (it holds the key).
   * Public: it is asked for right after setup, before any login; it only spells what the caller already has.
   */
  'recovery.sheet': def({
    input: recoverySheetInputSchema,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'public',
    writes: false,
  }),
  /** A new recovery key replaces the old one (which then opens nothing); the administrator confirms with their password. */
  'recovery.regenerate': def({
    input: z.object({ password: z.string().min(1, 'Saisissez votre mot de passe').max(200) }),
    output: recoveryIssuedSchema,
    access: ADMIN,
    writes: true,
  }),
  /**
   * With the recovery key, no session: sets a new password for an active administrator account; when the keys file
   * is lost, rebuilds it (the recovery slot and this administrator's slot; the other accounts get a new password from
   * the administrator: `users.setPassword`). Throttled like the login.
   */
  'recovery.restoreAccess': def({
    input: restoreAccessInputSchema,
    output: z.object({ ok: z.literal(true), rebuilt: z.boolean(), accountsWithoutKey: z.number().int().nonnegative() }),
    access: 'public',
    writes: true,
  }),
  /** Key slots without an active account of the MDS (a creation or a removal interrupted by a crash). */
  'users.orphanSlots': def({ input: empty, output: z.array(orphanSlotSchema), access: ADMIN, writes: false }),
  'users.removeOrphanSlot': def({ input: z.object({ login: z.string().min(1).max(40) }), output: ok, access: ADMIN, writes: true }),
  /** Active accounts of the MDS without a key slot (after a keys file was rebuilt): they cannot log in yet. */
  'users.withoutKey': def({
    input: empty,
    output: z.array(z.object({ id: idSchema, login: z.string(), displayName: z.string() })),
    access: ADMIN,
    writes: false,
  }),
  /** Gives an account of the MDS a new password (its key slot is rewrapped, or created when it had none). */
  'users.setPassword': def({
    input: z.object({ id: idSchema, password: newPasswordSchema }),
    output: ok,
    access: ADMIN,
    writes: true,
  }),
} as const satisfies Record<string, MethodDef>;
