// The Keyboard shortcuts list: every shortcut registered in the window (shortcuts.ts), each with its keys as
// this platform writes them. Opened by Ctrl/⌘+/ from anywhere, and closed by Escape or Close.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { formatShortcut } from './shortcut';
import { useShortcut, useShortcutList } from './shortcuts';

export const SHORTCUTS_LIST_KEYS = 'Mod+/';

export function ShortcutsDialog() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  useShortcut(SHORTCUTS_LIST_KEYS, 'shortcuts.list', () => setOpen((o) => !o), 90);
  const list = useShortcutList();
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t('shortcuts.title')} closeLabel={t('shortcuts.close')} size="small">
      <dl className="shortcut-list">
        {list.map((s) => (
          <div className="shortcut-row" key={s.keys}>
            <dt>{t(s.label)}</dt>
            <dd>
              <kbd className="ui-kbd">{formatShortcut(s.keys)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
