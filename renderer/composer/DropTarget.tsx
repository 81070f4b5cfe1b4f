// Files dragged over any part of the window: a clear target over all of it, saying what it takes and for
// which model (the limits the core will fit each file to), gone when they leave or are dropped. A drop
// anywhere attaches them (the Composer region included). Only a drag that carries files shows it.
import { Paperclip } from 'lucide-react';
import { useEffect, useState } from 'react';
import { findModel } from '../../shared/catalog';
import { formatDuration } from '../../shared/media-note-text';
import { useI18n } from '../i18n';
import { useStore, useTurnSettings } from '../state/store-hooks';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

export function DropTarget() {
  const store = useStore();
  const { t } = useI18n();
  const settings = useTurnSettings();
  const [files, setFiles] = useState<number | null>(null);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed: count them, the window is left at zero.
    let depth = 0;
    const hide = () => {
      depth = 0;
      setFiles(null);
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setFiles(e.dataTransfer?.items.length ?? 0);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setFiles((n) => n ?? e.dataTransfer?.items.length ?? 0);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      // Leaving the window itself has no element to go to.
      if (depth === 0 || e.relatedTarget === null) hide();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      hide();
      void store.attachments.addFiles([...(e.dataTransfer?.files ?? [])]);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') hide();
    };
    const listeners: [string, (e: never) => void][] = [
      ['dragenter', enter], ['dragover', over], ['dragleave', leave], ['drop', drop], ['dragend', hide], ['keydown', key],
    ];
    for (const [name, fn] of listeners) window.addEventListener(name, fn as EventListener);
    return () => {
      for (const [name, fn] of listeners) window.removeEventListener(name, fn as EventListener);
    };
  }, [store]);

  if (files === null) return null;
  const model = findModel(settings.model);
  const limits = model?.media;
  return (
    <div className="drop-target" data-testid="drop-target">
      <div className="drop-target-card">
        <span className="drop-target-icon" aria-hidden="true"><Paperclip size={26} strokeWidth={1.6} /></span>
        <p className="drop-target-title" role="status">
          {t('attach.drop.title')}
          {files > 0 && <span className="drop-target-count"> · {t('attach.drop.many', { count: files })}</span>}
        </p>
        {limits && (
          <p className="drop-target-kinds">
            {t('attach.drop.kinds', { audio: formatDuration(limits.audioMaxSeconds), video: formatDuration(limits.videoMaxSeconds) })}
          </p>
        )}
        {model && <p className="drop-target-model">{t('attach.drop.model', { model: model.label })}</p>}
      </div>
    </div>
  );
}
