// A sent picture, large: the kit's dialog (Escape and Close shut it, the keyboard stays inside, the rest of
// the window is hidden from screen readers) with the picture as big as the window allows; the arrow keys,
// or Previous / Next, move between the pictures of the same message.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { Dialog, IconButton } from '../ui';

export interface LightboxPicture {
  src: string;
  name: string;
}

export function Lightbox({ pictures, index, onIndex }: { pictures: readonly LightboxPicture[]; index: number | null; onIndex: (i: number | null) => void }) {
  const { t } = useI18n();
  const open = index !== null && pictures[index] !== undefined;
  const many = pictures.length > 1;
  const go = (step: number) => {
    if (index === null || !many) return;
    onIndex((index + step + pictures.length) % pictures.length);
  };
  useEffect(() => {
    if (!open || !many) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowLeft') go(-1);
      else if (e.key === 'ArrowRight') go(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const current = open ? pictures[index] : undefined;
  return (
    <Dialog
      open={open} onOpenChange={(o) => !o && onIndex(null)} title={current?.name ?? ''} closeLabel={t('lightbox.close')}
      size="large" className="lightbox"
      footer={many && index !== null ? (
        <div className="lightbox-nav">
          <IconButton label={t('lightbox.previous')} icon={<ChevronLeft size={18} aria-hidden="true" />} onClick={() => go(-1)} />
          <span className="lightbox-position">{t('lightbox.position', { n: index + 1, count: pictures.length })}</span>
          <IconButton label={t('lightbox.next')} icon={<ChevronRight size={18} aria-hidden="true" />} onClick={() => go(1)} />
        </div>
      ) : undefined}
    >
      {current && <img key={current.src} className="lightbox-picture" src={current.src} alt={current.name} />}
    </Dialog>
  );
}
