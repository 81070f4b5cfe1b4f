// Every component of the UI kit (renderer/ui) on one page, with the app's styles, for test/e2e/ui-kit.test.ts.
// What each does when used is written into the status line, so the test can see it.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Search, Trash2, Pencil } from 'lucide-react';
import {
  Dialog, IconButton, Menu, MenuItem, MenuSeparator, Popover, SearchableList, Select, Tooltip, TooltipProvider,
  applyTheme, onResolvedThemeChange, resolvedTheme, type ThemeChoice,
} from '../../../renderer/ui';
import { Slider } from '../../../renderer/ui/Slider';
import '../../../renderer/styles/base.css';
import '../../../renderer/ui/kit.css';
import './page.css';

const FRUITS = ['Apple', 'Apricot', 'Banana', 'Blackberry', 'Cherry', 'Date', 'Fig', 'Grape', 'Kiwi', 'Lemon', 'Lime', 'Mango', 'Melon', 'Orange', 'Papaya', 'Peach', 'Pear', 'Plum', 'Quince', 'Raspberry'];
const VOICES = [
  { value: 'Cherry', label: 'Cherry', hint: 'A sunny young woman', group: 'Chinese, English' },
  { value: 'Ethan', label: 'Ethan', hint: 'A warm young man', group: 'Chinese, English' },
  { value: 'Jada', label: 'Shanghai - Jada', hint: 'A fast-paced Shanghai auntie', keywords: ['Shanghainese'], group: 'Dialects' },
  { value: 'Rocky', label: 'Cantonese - Rocky', hint: 'A witty Cantonese man', keywords: ['Cantonese'], group: 'Dialects' },
];

const themes: string[] = [];
onResolvedThemeChange((t) => themes.push(t));
Object.assign(globalThis, { kit: { applyTheme: (c: ThemeChoice) => applyTheme(c), resolvedTheme, themes } });

function Page() {
  const [said, setSaid] = useState('');
  const [fruit, setFruit] = useState('Cherry');
  const [voice, setVoice] = useState('Cherry');
  const [from, setFrom] = useState(30);
  const [dialog, setDialog] = useState(false);
  return (
    <TooltipProvider>
      <main className="kit">
        <p role="status" aria-label="Said">{said}</p>
        <div className="kit-row">
          <IconButton label="Search conversations" shortcut="Mod+K" icon={<Search size={18} />} onClick={() => setSaid('search')} />
          <Tooltip content="A plain tooltip"><button type="button" className="button">Hover me</button></Tooltip>
          <Menu trigger={<IconButton label="Conversation actions" icon={<Pencil size={18} />} />}>
            <MenuItem icon={<Pencil size={16} />} onSelect={() => setSaid('rename')}>Rename</MenuItem>
            <MenuSeparator />
            <MenuItem icon={<Trash2 size={16} />} danger onSelect={() => setSaid('delete')}>Delete</MenuItem>
          </Menu>
        </div>
        <div className="field">
          <label htmlFor="fruit">Fruit</label>
          <Select
            id="fruit" value={fruit} onValueChange={setFruit}
            options={[{ group: 'Stone fruit', options: FRUITS.filter((f) => /^(Apricot|Cherry|Date|Mango|Peach|Plum)$/.test(f)).map((f) => ({ value: f, label: f })) },
              { group: 'Others', options: FRUITS.filter((f) => !/^(Apricot|Cherry|Date|Mango|Peach|Plum)$/.test(f)).map((f) => ({ value: f, label: f, hint: `${f.length} letters` })) }]}
          />
        </div>
        <SearchableList label="Voice" placeholder="Search voices" items={VOICES} selected={voice} emptyText="No voice matches." onSelect={(v) => { setVoice(v); setSaid(`voice ${v}`); }} />
        <Slider label="Keep from" value={from} min={0} max={120} step={1} onValueChange={setFrom} valueText={(v) => `${v} s of 120`} />
        <button type="button" className="button" onClick={() => setDialog(true)}>Open dialog</button>
        <div className="kit-corner">
          <Popover label="Tall popover" trigger={<button type="button" className="button">Open popover</button>}>
            <button type="button" className="button" onClick={() => setSaid('popover start')}>First button</button>
            <ol className="kit-tall">{Array.from({ length: 40 }, (_, i) => <li key={i}>Line {i + 1}</li>)}</ol>
            <button type="button" className="button" onClick={() => setSaid('popover end')}>Last button</button>
          </Popover>
        </div>
        <Dialog open={dialog} onOpenChange={setDialog} title="Kit dialog" closeLabel="Close">
          {Array.from({ length: 30 }, (_, i) => <p key={i}>Paragraph {i + 1} of a long dialog body.</p>)}
          <button type="button" className="button" onClick={() => setSaid('dialog end')}>Bottom button</button>
        </Dialog>
      </main>
    </TooltipProvider>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><Page /></StrictMode>);
