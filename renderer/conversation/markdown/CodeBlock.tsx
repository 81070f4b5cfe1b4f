// A fenced code block: its language (or "Code") and a Copy code button in a quiet header, the code
// highlighted once the highlighter and the language's grammar have loaded (highlight.ts, on first use).
// While the reply streams the highlighting catches up at most every 150 ms: the part already highlighted
// keeps its colours and the lines that arrived since show plain until the next pass, so each streamed
// update only adds text.
import { Check, Copy } from 'lucide-react';
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { IconButton } from '../../ui';
import { highlighter, type Highlighter } from './heavy-parts';
import { useLazy } from './lazy';

const STREAMING_PASS_MS = 150;

export const CodeBlock = memo(function CodeBlock({ code, lang, streaming }: { code: string; lang: string; streaming: boolean }) {
  const { t } = useI18n();
  const body = useHighlighted(code, lang, streaming);
  return (
    <div className="code-block" data-lang={lang || undefined}>
      <div className="code-head">
        <span className="code-lang">{lang || t('reply.code')}</span>
        <CopyButton text={code} label={t('reply.copyCode')} copied={t('reply.copied')} />
      </div>
      <pre>
        <code className={lang ? `hljs language-${lang}` : 'hljs'}>{body}</code>
      </pre>
    </div>
  );
});

function useHighlighted(code: string, lang: string, streaming: boolean): ReactNode {
  const hl = useLazy(highlighter, lang !== '');
  // A grammar already loaded highlights the first render: no plain pass, then a second render and layout.
  const [loadedGrammar, setGrammar] = useState<string | null>(null);
  const grammar = hl && lang && hl.grammarLoaded(lang) ? lang : loadedGrammar;
  useEffect(() => {
    if (!hl || !lang || hl.grammarLoaded(lang)) return;
    let alive = true;
    void hl.loadGrammar(lang).then((ok) => alive && ok && setGrammar(lang));
    return () => {
      alive = false;
    };
  }, [hl, lang]);
  const target = useCatchUp(code, streaming ? STREAMING_PASS_MS : 0);
  const shown = useMemo(() => (hl && grammar === lang ? highlighted(hl, target, lang) : null), [hl, grammar, lang, target]);
  if (!shown || !code.startsWith(target)) return code;
  return (
    <>
      {shown}
      {code.slice(target.length)}
    </>
  );
}

const HIGHLIGHTED_MAX = 500;
const highlightedCache = new Map<string, ReactNode>();

/** The code's highlighted elements, kept by language and code: a block that mounts again is not highlighted again. */
function highlighted(hl: Pick<Highlighter, 'highlightTree' | 'hastToReact'>, code: string, lang: string): ReactNode {
  const key = `${lang}\n${code}`;
  const hit = highlightedCache.get(key);
  if (hit !== undefined) return hit;
  const t = hl.highlightTree(code, lang);
  const made = t ? hl.hastToReact(t) : null;
  if (made === null) return null;
  if (highlightedCache.size >= HIGHLIGHTED_MAX) highlightedCache.delete(highlightedCache.keys().next().value!);
  highlightedCache.set(key, made);
  return made;
}

/** `value`, following it at most every `ms` (at once when 0). */
function useCatchUp(value: string, ms: number): string {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => {
    if (ms === 0 || shown === value) return;
    const timer = setTimeout(() => setShown(latest.current), ms);
    return () => clearTimeout(timer);
  }, [ms, shown, value]);
  return ms === 0 ? value : shown;
}

export function CopyButton({ text, label, copied, className }: { text: string; label: string; copied: string; className?: string }) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(false), 1500);
    return () => clearTimeout(timer);
  }, [done]);
  return (
    <>
      <IconButton
        label={label}
        className={className ? `copy-button ${className}` : 'copy-button'}
        icon={done ? <Check size={16} aria-hidden="true" /> : <Copy size={16} aria-hidden="true" />}
        data-copied={done || undefined}
        onClick={() => {
          void navigator.clipboard.writeText(text).then(() => setDone(true), () => setDone(false));
        }}
      />
      {/* Said once to screen readers; not a status role (a reply's status is its outcome). */}
      <span className="sr-only" aria-live="polite">{done ? copied : ''}</span>
    </>
  );
}
