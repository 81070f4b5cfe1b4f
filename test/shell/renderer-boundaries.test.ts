// The renderer's folder rules (eslint.config.mjs, "The renderer's folders"), shown to fire: fixture sources are
// linted as if they sat in renderer/<folder>/ with the project's own ESLint config, and each wrong import or
// direct call to the shell must come back as an error that names its rule; the allowed ones must not.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The messages of the renderer's rules for `source` placed at `file` (relative to the repository). */
async function ruleErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages
    .filter((m) => ['@typescript-eslint/no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties'].includes(m.ruleId ?? ''))
    .map((m) => m.message);
}

/** Each [file, source] gets exactly one error, from the rule named `rule`. */
async function expectEachRefused(cases: [string, string][], rule: string): Promise<void> {
  for (const [file, source] of cases) {
    const errors = await ruleErrors(file, source);
    expect(errors, `${file}: ${source}`).toHaveLength(1);
    expect(errors[0], file).toContain(`Renderer rule "${rule}"`);
  }
}

describe('the renderer folder rules', () => {
  it('a feature folder importing another feature fails with "features stand alone" (the cycles issue 13 found)', async () => {
    const cases: [string, string][] = [
      ['renderer/settings/Fixture.tsx', "import { VoiceControls } from '../composer/VoiceControls';\nexport const x = VoiceControls;\n"],
      ['renderer/composer/Fixture.tsx', "import { SettingsDialog } from '../settings/SettingsDialog';\nexport const x = SettingsDialog;\n"],
      ['renderer/conversation/Fixture.tsx', "import { Composer } from '../composer/Composer';\nexport const x = Composer;\n"],
      ['renderer/conversation/markdown/Fixture.tsx', "import type { X } from '../../history/Sidebar';\nexport type Y = X;\n"],
      ['renderer/history/Fixture.tsx', "export { something } from '../conversation/ConversationView';\n"],
    ];
    await expectEachRefused(cases, 'features stand alone');
  });

  it('a lower layer importing a feature, a layer above it, or App.tsx fails with "layers import downward"', async () => {
    const cases: [string, string][] = [
      ['renderer/state/Fixture.ts', "import { Composer } from '../composer/Composer';\nexport const x = Composer;\n"],
      ['renderer/state/Fixture.ts', "import { NoticeBar } from '../ui/NoticeBar';\nexport const x = NoticeBar;\n"],
      ['renderer/ui/Fixture.tsx', "import { Sidebar } from '../history/Sidebar';\nexport const x = Sidebar;\n"],
      ['renderer/player/Fixture.ts', "import type { AppStore } from '../state/app-store';\nexport type X = AppStore;\n"],
      ['renderer/bridge/Fixture.ts', "import { t } from '../i18n';\nexport const x = t;\n"],
      ['renderer/recorder/Fixture.ts', "import { App } from '../App';\nexport const x = App;\n"],
    ];
    await expectEachRefused(cases, 'layers import downward');
  });

  it('only the bridge talks to the shell: its adapters, fetch, WebSocket and window.omni are refused elsewhere', async () => {
    const refused: [string, string][] = [
      ['renderer/composer/Fixture.tsx', "import { bridge } from '../bridge';\nexport const x = bridge;\n"],
      ['renderer/history/Fixture.tsx', "import { createWebBridge } from '../bridge/web';\nexport const x = createWebBridge;\n"],
      ['renderer/App.tsx', "import { bridge } from './bridge';\nexport const x = bridge;\n"],
      ['renderer/conversation/Fixture.tsx', "export const x = () => fetch('/media/1');\n"],
      ['renderer/state/Fixture.ts', "export const x = () => new WebSocket('ws://127.0.0.1/');\n"],
      ['renderer/settings/Fixture.tsx', 'export const x = () => window.omni;\n'],
    ];
    await expectEachRefused(refused, 'only the bridge talks to the shell');
  });

  it('allowed directions pass: features use the layers, the bridge uses fetch, main.tsx creates the bridge', async () => {
    const allowed: [string, string][] = [
      [
        'renderer/composer/Fixture.tsx',
        [
          "import { useAppState } from '../state/store-hooks';",
          "import { CloseIcon } from '../ui/icons';",
          "import { useI18n } from '../i18n';",
          "import { usePlaybackStats } from '../player/playback';",
          "import { VoiceController } from '../recorder/voice-controller';",
          "import { attachmentUrl } from '../bridge/media-url';",
          "import { draftEstimate } from './input-estimate';",
          'export const x = [useAppState, CloseIcon, useI18n, usePlaybackStats, VoiceController, attachmentUrl, draftEstimate];',
        ].join('\n'),
      ],
      ['renderer/conversation/markdown/Fixture.tsx', "import { parseMarkdown } from './parse';\nimport { MessageItem } from '../MessageItem';\nexport const x = [parseMarkdown, MessageItem];\n"],
      ['renderer/state/Fixture.ts', "import { Playback } from '../player/playback';\nimport type { MessageKey } from '../i18n';\nexport type X = [Playback, MessageKey];\n"],
      ['renderer/bridge/Fixture.ts', "export const x = () => [fetch('/export/wav/1'), new WebSocket('ws://x/')];\n"],
      ['renderer/main.tsx', "import { bridge } from './bridge';\nimport { App } from './App';\nexport const x = [bridge, App];\n"],
      ['renderer/App.tsx', "import { Sidebar } from './history/Sidebar';\nimport { Composer } from './composer/Composer';\nexport const x = [Sidebar, Composer];\n"],
    ];
    for (const [file, source] of allowed) expect(await ruleErrors(file, source), file).toEqual([]);
  });
});
