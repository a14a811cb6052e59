import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { contentTypeFor, injectToken, newLaunchToken, resolveStaticPath, tokensMatch } from './server';

describe('injectToken', () => {
  it('adds the meta tag inside <head>, after the charset', () => {
    const html = '<!doctype html><html><head><meta charset="utf-8"><title>T</title></head><body></body></html>';
    const out = injectToken(html, 'abc_-123');
    expect(out).toMatch(/<meta charset="utf-8"><title>T<\/title>\s*<meta name="parcours-launch-token" content="abc_-123">\s*<\/head>/);
    expect(out.match(/parcours-launch-token/g)).toHaveLength(1);
  });
  it('escapes the token and copes with a page without head', () => {
    expect(injectToken('<p>x</p>', 'a"b<c>&')).toBe('<meta name="parcours-launch-token" content="a&quot;b&lt;c&gt;&amp;">\n<p>x</p>');
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/renderer');
  it('maps / to index.html and paths inside the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
  });
  it('refuses whatever would leave the folder, once decoded', () => {
    for (const p of ['/../x', '/%2e%2e/x', '/a/..%2f..%2fx', '/..', '/%00', '/%E0%A4%A', '/..%5c..%5cx'.replace(/%5c/g, '%2f')]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});

describe('tokens and content types', () => {
  it('compares tokens exactly, whatever their length', () => {
    const t = newLaunchToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokensMatch(t, t)).toBe(true);
    expect(tokensMatch(t.slice(1), t)).toBe(false);
    expect(tokensMatch(`${t}x`, t)).toBe(false);
    expect(tokensMatch('', t)).toBe(false);
  });
  it('knows the renderer’s file types', () => {
    expect(contentTypeFor('a/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
