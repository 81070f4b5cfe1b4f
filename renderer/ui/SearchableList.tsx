// Why a wrapper: cmdk filters and ranks as you type and moves through the results with the arrow keys
// (a combobox over a listbox, aria-activedescendant); this fixes its look, its empty text and the item
// layout (check mark, label, hint, something of the caller's on the right) for every searchable picker.
import { Command } from 'cmdk';
import { Check, Search } from 'lucide-react';
import type { ReactNode } from 'react';

export interface SearchableItem {
  /** Unique; what onSelect receives. */
  value: string;
  label: string;
  hint?: string;
  /** More words that find it (a voice's languages, another name). */
  keywords?: readonly string[];
  /** Items with the same group are listed under that heading, in the order first met. */
  group?: string;
  disabled?: boolean;
}

export interface SearchableListProps {
  /** The search field's accessible name. */
  label: string;
  placeholder?: string;
  items: readonly SearchableItem[];
  /** The chosen item: marked, and where the highlight starts. */
  selected?: string;
  onSelect: (value: string) => void;
  /** Said when nothing matches. */
  emptyText: string;
  /** Something of the caller's at the item's end (a Hear voice button, a count). */
  renderEnd?: (item: SearchableItem) => ReactNode;
  autoFocus?: boolean;
  className?: string;
}

export function SearchableList(p: SearchableListProps) {
  const groups: { name: string | undefined; items: SearchableItem[] }[] = [];
  for (const item of p.items) {
    const g = groups.find((x) => x.name === item.group);
    if (g) g.items.push(item);
    else groups.push({ name: item.group, items: [item] });
  }
  const item = (i: SearchableItem) => (
    <Command.Item
      key={i.value} value={i.value} keywords={[i.label, ...(i.hint ? [i.hint] : []), ...(i.keywords ?? [])]}
      disabled={i.disabled} onSelect={() => p.onSelect(i.value)} className="ui-command-item"
    >
      <span className="ui-command-check" aria-hidden="true">{i.value === p.selected && <Check size={15} />}</span>
      <span className="ui-command-text">
        <span className="ui-command-label">{i.label}</span>
        {i.hint && <span className="ui-command-hint">{i.hint}</span>}
      </span>
      {p.renderEnd?.(i)}
    </Command.Item>
  );
  return (
    <Command label={p.label} defaultValue={p.selected} className={p.className ? `ui-command ${p.className}` : 'ui-command'} loop>
      <div className="ui-command-search">
        <Search size={16} aria-hidden="true" />
        <Command.Input placeholder={p.placeholder} autoFocus={p.autoFocus} className="ui-command-input" />
      </div>
      <Command.List className="ui-command-list" label={p.label}>
        <Command.Empty className="ui-command-empty">{p.emptyText}</Command.Empty>
        {groups.map((g) =>
          g.name === undefined ? (
            g.items.map(item)
          ) : (
            <Command.Group key={g.name} heading={g.name} className="ui-command-group">
              {g.items.map(item)}
            </Command.Group>
          ),
        )}
      </Command.List>
    </Command>
  );
}
