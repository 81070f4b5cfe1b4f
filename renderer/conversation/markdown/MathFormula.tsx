// One formula ($…$ inline, $$…$$ as a block), typeset by KaTeX once it has loaded (katex-render.ts, on
// first use); until then, and while a streaming `$$` block is still open, its TeX source shows in a quiet
// box. TeX that KaTeX cannot read shows as source too: muted while the reply streams (the rest may still
// come), marked as an error once it has ended. KaTeX writes the formula's elements itself, into an element
// React leaves alone.
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { katexModule } from './heavy-parts';
import { useLazy } from './lazy';


export const MathFormula = memo(function MathFormula(p: { tex: string; display: boolean; open: boolean; streaming: boolean }) {
  const { t } = useI18n();
  const k = useLazy(katexModule);
  const box = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const ready = k !== null && !p.open;
  useLayoutEffect(() => {
    if (!ready || !box.current) return;
    try {
      k.typeset(p.tex, p.display, box.current);
      setFailed(null);
    } catch {
      setFailed(p.tex);
    }
  }, [ready, k, p.tex, p.display]);

  const Tag = p.display ? 'div' : 'span';
  if (ready && failed !== p.tex) {
    return <Tag ref={box as never} className={p.display ? 'math math-display' : 'math math-inline'} />;
  }
  const error = failed === p.tex && !p.streaming;
  return (
    <Tag className={`math-source${p.display ? ' math-display' : ''}${error ? ' math-error' : ''}`} title={error ? t('reply.mathError') : undefined}>
      {p.display ? p.tex : `$${p.tex}$`}
    </Tag>
  );
});
