// Why a wrapper: Radix's slider gives the slider role, arrows, Page Up/Down, Home/End and pointer drags on
// one thumb; this names the thumb (where screen readers and tests look), says the value in words
// (aria-valuetext, e.g. "1:05 of 2:30") and gives the track the app's look.
import * as RadixSlider from '@radix-ui/react-slider';

export interface SliderProps {
  /** The accessible name (translated), e.g. 'Keep from' or 'Playback speed'. */
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  /** Every move (drag, key). */
  onValueChange: (value: number) => void;
  /** When a drag ends or a key is released: the moment to do the costly work. */
  onValueCommit?: (value: number) => void;
  /** The value as a person says it; default the number. */
  valueText?: (value: number) => string;
  disabled?: boolean;
  className?: string;
}

export function Slider(p: SliderProps) {
  return (
    <RadixSlider.Root
      className={p.className ? `ui-slider ${p.className}` : 'ui-slider'}
      value={[p.value]} min={p.min} max={p.max} step={p.step ?? 1} disabled={p.disabled}
      onValueChange={([v]) => v !== undefined && p.onValueChange(v)}
      onValueCommit={([v]) => v !== undefined && p.onValueCommit?.(v)}
    >
      <RadixSlider.Track className="ui-slider-track">
        <RadixSlider.Range className="ui-slider-range" />
      </RadixSlider.Track>
      <RadixSlider.Thumb className="ui-slider-thumb" aria-label={p.label} aria-valuetext={p.valueText?.(p.value)} />
    </RadixSlider.Root>
  );
}
