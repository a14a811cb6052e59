/**
 * The recovery key's spelling: 6 groups of 5 from an alphabet without 0, O, 1, I; the check group catches any typo of
 * one character and any swap of two (Reed-Solomon over GF(32), distance 6).
 */
import { describe, expect, it } from 'vitest';
import { checkRecoveryKey, RECOVERY_ALPHABET, recoveryKeyFromBytes, recoveryKeySchema } from './recovery';

const bytes = (seed: number) => Array.from({ length: 25 }, (_, i) => (seed * 31 + i * 17 + ((i * i) % 7)) & 255);
const key = recoveryKeyFromBytes(bytes(3));
const compact = key.replaceAll('-', '');
const respell = (symbols: string) => symbols.match(/.{5}/g)!.join('-');

describe('recovery key', () => {
  it('is 30 characters in 6 dashed groups, without 0, O, 1 or I', () => {
    expect(key).toMatch(/^([2-9A-HJ-NP-Z]{5}-){5}[2-9A-HJ-NP-Z]{5}$/);
    expect(RECOVERY_ALPHABET).toHaveLength(32);
    expect(RECOVERY_ALPHABET).not.toMatch(/[01OI]/);
    expect(checkRecoveryKey(key)).toEqual({ ok: true, key });
  });

  it('reads what is typed in any case, with spaces or without dashes', () => {
    expect(checkRecoveryKey(` ${compact.toLowerCase().replace(/(.{5})/g, '$1 ')} `)).toEqual({ ok: true, key });
    expect(recoveryKeySchema.parse(compact)).toBe(key);
  });

  it('catches every wrong character and every swap of two neighbours', () => {
    for (let i = 0; i < compact.length; i += 1) {
      for (const c of RECOVERY_ALPHABET) {
        if (c === compact[i]) continue;
        const typo = respell(compact.slice(0, i) + c + compact.slice(i + 1));
        expect(checkRecoveryKey(typo), typo).toEqual({ ok: false, message: expect.stringMatching(/faute de frappe/) as unknown as string });
      }
      if (i + 1 < compact.length && compact[i] !== compact[i + 1]) {
        const swapped = respell(compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2));
        expect(checkRecoveryKey(swapped).ok, swapped).toBe(false);
      }
    }
  });

  it('names a missing character and a character never used', () => {
    expect(checkRecoveryKey(key.slice(0, -1))).toEqual({ ok: false, message: 'La clé de secours compte 30 caractères (6 groupes de 5) ; 29 ont été saisis.' });
    const withO = checkRecoveryKey(`O${key.slice(1)}`);
    expect(withO.ok).toBe(false);
    expect(!withO.ok && withO.message).toMatch(/« O ».*jamais/);
    expect(recoveryKeySchema.safeParse('').success).toBe(false);
  });

  it('differs with the random bytes', () => {
    expect(recoveryKeyFromBytes(bytes(4))).not.toBe(key);
  });
});
