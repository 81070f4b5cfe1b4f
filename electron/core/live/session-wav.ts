// A whole live session as one WAV (16-bit mono 24 kHz): every spoken turn (its 16 kHz recording, brought up
// to 24 kHz) and every reply (what was heard of it), in the order they happened, a short pause between each.
// Both shells save these bytes: Electron through its save dialog, the browser shell as a download.
import { readFileSync } from 'node:fs';
import type { Message } from '../../../shared/domain';
import { LIVE_INPUT_SAMPLE_RATE, LIVE_OUTPUT_SAMPLE_RATE } from '../../../shared/realtime-catalog';
import { BYTES_PER_SAMPLE } from '../audio/pcm';
import { resamplePcm16 } from '../audio/resample';
import { pcmToWav, WAV_HEADER_BYTES } from '../audio/wav';
import { fileStamp, safeFileBase } from '../export/names';
import { storedPath } from '../media/content-store';
import type { Store } from '../store/history-store';
import type { LiveStore } from '../store/live-store';
import { UserError } from '../user-error';

/** Between two turns of the joined WAV. */
export const SESSION_GAP_SECONDS = 0.3;
const GAP_BYTES = Math.round(SESSION_GAP_SECONDS * LIVE_OUTPUT_SAMPLE_RATE) * BYTES_PER_SAMPLE;

/** A spoken turn's recording as 24 kHz PCM (our own WAV: a 44-byte header, then 16 kHz PCM16). */
export function spokenTurnPcm(store: Pick<Store, 'preparedMedia'>, dataDir: string, m: Message): Uint8Array {
  const record = store.preparedMedia(m.id)[0] as { files?: { relPath?: unknown }[] } | undefined;
  const relPath = record?.files?.[0]?.relPath;
  if (typeof relPath !== 'string') return new Uint8Array(0);
  let wav: Buffer;
  try {
    wav = readFileSync(storedPath(dataDir, relPath));
  } catch {
    return new Uint8Array(0);
  }
  return resamplePcm16(wav.subarray(WAV_HEADER_BYTES), LIVE_INPUT_SAMPLE_RATE, LIVE_OUTPUT_SAMPLE_RATE);
}

export function sessionWavFile(store: Store, live: LiveStore, dataDir: string, sessionId: string): { fileName: string; wav: Uint8Array<ArrayBuffer> } {
  const session = live.session(sessionId);
  if (!session) throw new UserError('not_found', 'That live voice session no longer exists. Its conversation may have been deleted.');
  const pieces: Uint8Array[] = [];
  for (const m of live.messagesOf(sessionId)) {
    const pcm = m.role === 'user' ? spokenTurnPcm(store, dataDir, m) : store.readReplyAudio(m.id);
    const even = pcm.byteLength % 2 === 0 ? pcm : pcm.subarray(0, pcm.byteLength - 1);
    if (even.byteLength > 0) pieces.push(even);
  }
  if (pieces.length === 0) throw new UserError('invalid_input', 'Nothing was said in this live session, so there is no audio to export.');
  const total = pieces.reduce((n, p) => n + p.byteLength, 0) + GAP_BYTES * (pieces.length - 1);
  const pcm = new Uint8Array(total); // zeros: the pauses
  let at = 0;
  for (const [i, p] of pieces.entries()) {
    if (i > 0) at += GAP_BYTES;
    pcm.set(p, at);
    at += p.byteLength;
  }
  const title = store.getConversationSummary(session.conversationId)?.title ?? '';
  return { fileName: `${safeFileBase(title, 'Live voice')} live ${fileStamp(session.startedAt)}.wav`, wav: pcmToWav(pcm) };
}
