// The files a user turn was sent with, shown again from the app's own store: a picture as a thumbnail that
// opens large (Lightbox), a recording or a video in the app's own player (its URL answers Range requests,
// so it seeks). A video sent as frames is no playable file: its first frame shows instead. A link (nothing
// of it is kept here), or a file no longer on this computer, stays a line of text with what was done to it.
import { useState } from 'react';
import type { MessageAttachment } from '../../shared/domain';
import { attachmentUrl } from '../bridge/media-url';
import { useI18n, wordNote } from '../i18n';
import { MediaPlayer } from '../ui/MediaPlayer';
import { Lightbox } from './Lightbox';
import './media.css';

/** What to try next when a form cannot show the file. */
type Form = 'image' | 'audio' | 'video' | 'text';

function firstForm(item: MessageAttachment): Form {
  switch (item.shown) {
    case 'link': return 'text';
    case 'frames': return 'image';
    case undefined: return item.kind;
    default: return item.shown;
  }
}

export function Attachments({ items }: { items: readonly MessageAttachment[] }) {
  const [forms, setForms] = useState<Record<string, Form>>({});
  const [open, setOpen] = useState<number | null>(null);
  if (items.length === 0) return null;
  const formOf = (a: MessageAttachment) => forms[a.id] ?? firstForm(a);
  // Without a record of how it was sent, a video that will not play may be frames: tried as a picture.
  const fail = (a: MessageAttachment) => setForms((f) => ({ ...f, [a.id]: formOf(a) === 'video' && a.shown === undefined ? 'image' : 'text' }));
  const pictures = items.filter((a) => formOf(a) === 'image').map((a) => ({ id: a.id, src: attachmentUrl(a.id), name: a.name }));
  return (
    <>
      <ul className="message-media">
        {items.map((a) => (
          <li key={a.id} className={`message-media-${formOf(a)}`}>
            <AttachmentMedia item={a} form={formOf(a)} onFail={() => fail(a)} onOpen={() => setOpen(pictures.findIndex((p) => p.id === a.id))} />
          </li>
        ))}
      </ul>
      <Lightbox pictures={pictures} index={open} onIndex={setOpen} />
    </>
  );
}

function AttachmentMedia({ item, form, onFail, onOpen }: { item: MessageAttachment; form: Form; onFail: () => void; onOpen: () => void }) {
  const { t, lang } = useI18n();
  const src = attachmentUrl(item.id);
  const summary = item.notes?.length ? item.notes.map((n) => wordNote(n, lang, t)).join(' ') : item.summary;
  const caption = t('attach.sent', { name: item.name, summary });
  switch (form) {
    case 'image':
      return (
        <figure className="media-figure" title={caption}>
          <button type="button" className="media-thumb-button" aria-label={t('lightbox.open', { name: item.name })} onClick={onOpen}>
            <img className="media-thumb" src={src} alt={item.name} decoding="async" onError={onFail} />
          </button>
          <figcaption className="media-caption">{item.name}</figcaption>
        </figure>
      );
    case 'audio':
    case 'video':
      return (
        <figure className={`media-figure media-figure-${form}`} title={caption}>
          <MediaPlayer kind={form} src={src} name={item.name} onError={onFail} />
          <figcaption className="media-caption">{item.name}</figcaption>
        </figure>
      );
    case 'text':
      return <span className="media-text">{caption}</span>;
  }
}
