// Why a wrapper: Radix's select is keyboard-first (type to jump, arrows, Home/End, Enter) and its trigger
// is a combobox named by its <label>; this gives options a check mark and a quiet hint line, groups with
// headings, the app's look in both themes, and a list that opens below the trigger and fits the window.
import * as RadixSelect from '@radix-ui/react-select';
import { Check, ChevronDown, ChevronUp } from 'lucide-react';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  /** A second, quieter line (a voice's description, an endpoint's address). */
  hint?: string;
  /** The option's own language, when it is written in one (a language's name in that language). */
  lang?: string;
  disabled?: boolean;
}

export interface SelectGroup<V extends string = string> {
  group: string;
  options: readonly SelectOption<V>[];
}

export interface SelectProps<V extends string> {
  value: V;
  onValueChange: (value: V) => void;
  options: readonly (SelectOption<V> | SelectGroup<V>)[];
  /** The trigger's id, for a <label htmlFor>; or name it with aria-label. */
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
}

export function Select<V extends string>(p: SelectProps<V>) {
  return (
    <RadixSelect.Root value={p.value} onValueChange={(v) => p.onValueChange(v as V)} disabled={p.disabled}>
      <RadixSelect.Trigger
        id={p.id} className={p.className ? `ui-select ${p.className}` : 'ui-select'}
        aria-label={p['aria-label']} aria-describedby={p['aria-describedby']}
      >
        <RadixSelect.Value placeholder={p.placeholder} />
        <RadixSelect.Icon className="ui-select-chevron"><ChevronDown size={16} aria-hidden="true" /></RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content className="ui-select-content" position="popper" sideOffset={4} collisionPadding={8}>
          <RadixSelect.ScrollUpButton className="ui-select-scroll"><ChevronUp size={14} aria-hidden="true" /></RadixSelect.ScrollUpButton>
          <RadixSelect.Viewport className="ui-select-viewport">
            {p.options.map((o) =>
              'group' in o ? (
                <RadixSelect.Group key={`group:${o.group}`} className="ui-select-group">
                  <RadixSelect.Label className="ui-select-label">{o.group}</RadixSelect.Label>
                  {o.options.map((x) => <Option key={x.value} option={x} />)}
                </RadixSelect.Group>
              ) : (
                <Option key={o.value} option={o} />
              ),
            )}
          </RadixSelect.Viewport>
          <RadixSelect.ScrollDownButton className="ui-select-scroll"><ChevronDown size={14} aria-hidden="true" /></RadixSelect.ScrollDownButton>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}

function Option({ option }: { option: SelectOption }) {
  return (
    <RadixSelect.Item className="ui-select-item" value={option.value} disabled={option.disabled} lang={option.lang}>
      <RadixSelect.ItemIndicator className="ui-select-check"><Check size={15} aria-hidden="true" /></RadixSelect.ItemIndicator>
      <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
      {option.hint && <span className="ui-select-hint">{option.hint}</span>}
    </RadixSelect.Item>
  );
}
