// The files a user turn was sent with, shown again from the app's own store: a picture as a thumbnail,
// a recording or a video as a player that seeks (the media URL answers Range requests). A video sent as
// frames is no playable file: its first frame shows instead. A link (nothing of it is kept here), or a
// file no longer on this computer, stays a line of text with what was done to it.
import { useState } from 'react';
import type { MessageAttachment } from '../../shared/domain';
import { attachmentUrl } from '../bridge/media-url';
import { useI18n } from '../i18n';
import './media.css';

export function Attachments({ items }: { items: readonly MessageAttachment[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="message-media">
      {items.map((a) => (
        <li key={a.id}>
          <AttachmentMedia item={a} />
        </li>
      ))}
    </ul>
  );
}

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

function AttachmentMedia({ item }: { item: MessageAttachment }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(firstForm(item));
  const src = attachmentUrl(item.id);
  const caption = t('attach.sent', { name: item.name, summary: item.summary });
  // Without a record of how it was sent, a video that will not play may be frames: tried as a picture.
  const next = (): void => setForm(form === 'video' && item.shown === undefined ? 'image' : 'text');
  switch (form) {
    case 'image':
      return (
        <figure className="media-figure" title={caption}>
          <img className="media-thumb" src={src} alt={item.name} decoding="async" onError={next} />
          <figcaption className="media-caption">{item.name}</figcaption>
        </figure>
      );
    case 'audio':
      return (
        <figure className="media-figure media-figure-audio" title={caption}>
          <audio className="media-audio" src={src} controls preload="metadata" aria-label={item.name} onError={next} />
          <figcaption className="media-caption">{item.name}</figcaption>
        </figure>
      );
    case 'video':
      return (
        <figure className="media-figure" title={caption}>
          <video className="media-video" src={src} controls preload="metadata" playsInline aria-label={item.name} onError={next} />
          <figcaption className="media-caption">{item.name}</figcaption>
        </figure>
      );
    case 'text':
      return <span className="media-text">{caption}</span>;
  }
}
