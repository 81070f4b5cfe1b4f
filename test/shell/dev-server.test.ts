// Under `electron-vite dev` the window loads Vite's dev server from ELECTRON_RENDERER_URL; even there only an
// address on this computer is taken. (That a build never reads the variable: bundle-size.test.ts.)
import { describe, expect, it } from 'vitest';
import { loopbackHttpUrl } from '../../electron/main/dev-server';

describe('the dev server address', () => {
  it("is taken when it is Vite's own: http(s) on this computer", () => {
    for (const url of ['http://localhost:5173', 'http://127.0.0.1:5173/', 'https://localhost:5173', 'http://[::1]:5173']) {
      expect(loopbackHttpUrl(url), url).toBe(url);
    }
  });

  it('is refused when it points anywhere else, or is not a URL', () => {
    for (const url of ['https://example.com', 'http://192.168.1.2:5173', 'file:///etc/passwd', 'app://omni/', 'javascript:alert(1)', 'localhost:5173', '', undefined]) {
      expect(loopbackHttpUrl(url), String(url)).toBeUndefined();
    }
  });
});
