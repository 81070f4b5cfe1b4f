// One Content-Security-Policy: the header both shells send (electron/shells-common/csp.ts) and the <meta> in
// renderer/index.html (which also governs `electron-vite dev`) must say the same, except frame-ancestors,
// which a <meta> cannot carry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/shells-common/csp';

const root = path.resolve(__dirname, '../..');

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values.sort());
  }
  return map;
}

describe('content security policy', () => {
  it("renderer/index.html's meta policy is the shells' header policy", () => {
    const html = readFileSync(path.join(root, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'renderer/index.html has no CSP meta tag').not.toBeNull();
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(directives(meta![1]!))).toEqual(Object.fromEntries(header));
  });

  it('allows no inline script, no eval and no plugins, and forbids framing', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });
});
