import { describe, expect, it } from 'vitest';
import { normalizeString, normalizeText } from './text';

describe('text normalisation at the API', () => {
  it('removes NUL and other control characters, keeps tabs and line breaks', () => {
    expect(normalizeString('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef');
    expect(normalizeString('ligne 1\r\nligne 2\tfin')).toBe('ligne 1\r\nligne 2\tfin');
  });

  it('replaces lone surrogates, keeps real pairs (emoji)', () => {
    expect(normalizeString('a\uD800b')).toBe('a\uFFFDb');
    expect(normalizeString('a\uDC00b')).toBe('a\uFFFDb');
    expect(normalizeString('fin\uD83D')).toBe('fin\uFFFD');
    expect(normalizeString('ok 😀')).toBe('ok 😀');
  });

  it('puts text in NFC (a decomposed « é » becomes one character)', () => {
    const decomposed = 'Fe\u0301raud';
    expect(decomposed.length).toBe(7);
    expect(normalizeString(decomposed)).toBe('Féraud');
    expect(normalizeString(decomposed).length).toBe(6);
  });

  it('walks objects and arrays, leaving numbers, booleans and null as they are', () => {
    expect(normalizeText({ a: 'x\u0000', b: [1, 'e\u0301', { c: null, d: true }] })).toEqual({ a: 'x', b: [1, 'é', { c: null, d: true }] });
  });
});
