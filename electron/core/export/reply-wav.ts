// A reply's stored audio as a .wav file with a name a person can recognise: both shells save exactly these
// bytes (Electron through the save dialog, the browser shell as a download), so they stay identical.
import { readFileSync } from 'node:fs';
import { pcmToWav } from '../audio/wav';
import { storedPath } from '../media/content-store';
import { fileStamp, safeFileBase } from './names';
import { UserError } from '../user-error';
import type { Store } from '../store/history-store';

export interface ReplyWavFile {
  fileName: string;
  wav: Uint8Array<ArrayBuffer>;
}

export function replyWavFile(store: Store, messageId: string, dataDir?: string): ReplyWavFile {
  const message = store.getMessage(messageId);
  // A turn spoken in Live voice is kept as a WAV already (16 kHz): that file is what is saved.
  if (message?.role === 'user' && message.liveSessionId && dataDir) {
    const relPath = (store.preparedMedia(messageId)[0] as { files?: { relPath?: unknown }[] } | undefined)?.files?.[0]?.relPath;
    if (typeof relPath === 'string') {
      const title = store.getConversationSummary(message.conversationId)?.title ?? '';
      const bytes = readFileSync(storedPath(dataDir, relPath));
      return { fileName: wavFileName(title, message.createdAt), wav: new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as Uint8Array<ArrayBuffer> };
    }
  }
  if (!message || message.role !== 'assistant') {
    throw new UserError('not_found', 'That reply no longer exists. It may have been deleted.');
  }
  const pcm = store.readReplyAudio(messageId);
  if (pcm.byteLength < 2) throw new UserError('invalid_input', 'This reply has no audio to export. Turn on spoken replies in Settings and ask again.');
  const title = store.getConversationSummary(message.conversationId)?.title ?? '';
  return { fileName: wavFileName(title, message.createdAt), wav: pcmToWav(pcm) };
}

/**
 * "<title> YYYY-MM-DD HH-MM.wav" in local time: the title made safe for every file system (names.ts, like
 * the conversation export's names) and cut so the whole name stays well under 255 bytes.
 */
export function wavFileName(title: string, at: number): string {
  return `${safeFileBase(title, 'Omni Desk reply')} ${fileStamp(at)}.wav`;
}
