// A whole conversation as files a person can keep: `<title>.md` (every turn with its role, text, reasoning
// as a quote, attachments and reply audio as relative links), the media beside it in `media/`, and
// `<title>.wav` — every reply's audio joined by half a second of silence. Electron writes the files into a
// new folder the user picked; the browser shell downloads them as one .zip. Both get the same bytes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Message, ReplyStatus } from '../../../shared/domain';
import { isLinkedMedia } from '../attachments/links';
import { BYTES_PER_SAMPLE, REPLY_SAMPLE_RATE } from '../audio/pcm';
import { pcmToWav } from '../audio/wav';
import { UserError } from '../user-error';
import { storedPath } from '../media/content-store';
import type { PreparedMedia } from '../media';
import type { Store } from '../store/history-store';
import { linkTarget, localStamp, safeFileBase } from './names';
import { zipStored } from './zip';

/** Between two replies in the joined WAV. */
export const JOIN_SILENCE_SECONDS = 0.5;
export const JOIN_SILENCE_BYTES = Math.round(JOIN_SILENCE_SECONDS * REPLY_SAMPLE_RATE) * BYTES_PER_SAMPLE;

export interface ExportFile {
  /** Relative to the export's folder, forward slashes. */
  path: string;
  bytes: Uint8Array;
}

export interface ConversationExport {
  /** The folder's (and the .md's, .wav's, .zip's) name, from the title. */
  baseName: string;
  files: ExportFile[];
}

const STATUS_LABEL: Record<ReplyStatus, string | null> = {
  complete: null,
  streaming: 'Still arriving when exported',
  cut_off: 'Cut off',
  cancelled: 'Cancelled',
  failed: 'Failed',
  stalled: 'Stalled',
  interrupted: 'Interrupted',
};

export async function buildConversationExport(store: Store, dataDir: string, conversationId: string, now = Date.now()): Promise<ConversationExport> {
  const detail = store.getConversation(conversationId);
  if (!detail) throw new UserError('not_found', 'That conversation no longer exists. It may have been deleted.');
  const { conversation, messages } = detail;
  const baseName = safeFileBase(conversation.title, 'Conversation');
  const files: ExportFile[] = [];
  const used = new Set<string>();
  /** A unique `media/…` path for a file name. */
  const mediaPath = (name: string): string => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let path = `media/${name}`;
    for (let n = 2; used.has(path); n++) path = `media/${stem} (${n})${ext}`;
    used.add(path);
    return path;
  };

  const md: string[] = [`# ${oneLine(conversation.title) || 'Conversation'}`, ''];
  md.push(`Exported from Omni Desk on ${localStamp(now)} · model ${conversation.model} · ${messages.length} messages.`, '');

  const replyAudio: Uint8Array[] = [];
  for (const [index, m] of messages.entries()) {
    const turn = String(index + 1).padStart(2, '0');
    md.push(`## ${m.role === 'user' ? 'You' : 'Assistant'} · ${localStamp(m.createdAt)}`, '');
    if (m.role === 'assistant' && m.reasoning.trim()) {
      md.push('> **Reasoning**', '>');
      for (const line of m.reasoning.trimEnd().split('\n')) md.push(line ? `> ${line}` : '>');
      md.push('');
    }
    if (m.text.trim()) md.push(m.text.trimEnd(), '');
    if (m.role === 'user' && m.attachments.length > 0) {
      md.push(...(await attachmentLines(store, dataDir, m, turn, mediaPath, files)), '');
    }
    if (m.role === 'assistant') {
      const pcm = evenLength(store.readReplyAudio(m.id));
      if (pcm.byteLength > 0) {
        const path = mediaPath(`${turn}-reply.wav`);
        files.push({ path, bytes: pcmToWav(pcm) });
        replyAudio.push(pcm);
        md.push(`🔊 [Reply audio, ${seconds(pcm.byteLength)}](${linkTarget(path)})`, '');
      }
      const label = STATUS_LABEL[m.status];
      if (label) md.push(`*${label}${m.error ? `: ${oneLine(m.error.message)}` : ''}*`, '');
    }
  }
  if (replyAudio.length > 0) {
    md.push('---', '', `All replies' audio, one after another: [${baseName}.wav](${linkTarget(`${baseName}.wav`)})`, '');
    files.unshift({ path: `${baseName}.wav`, bytes: joinedWav(replyAudio) });
  }
  files.unshift({ path: `${baseName}.md`, bytes: new TextEncoder().encode(md.join('\n')) });
  return { baseName, files };
}

/** Replies' PCM joined by JOIN_SILENCE_SECONDS of silence, as one 16-bit mono 24 kHz WAV. */
export function joinedWav(replies: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = replies.reduce((n, r) => n + evenLength(r).byteLength, 0) + JOIN_SILENCE_BYTES * Math.max(0, replies.length - 1);
  const pcm = new Uint8Array(total); // zeros: the silence
  let at = 0;
  for (const [i, r] of replies.entries()) {
    if (i > 0) at += JOIN_SILENCE_BYTES;
    const even = evenLength(r);
    pcm.set(even, at);
    at += even.byteLength;
  }
  return pcmToWav(pcm);
}

/** The export as one .zip holding a folder named like the conversation. */
export function conversationZip(exp: ConversationExport, now = Date.now()): { fileName: string; zip: Uint8Array<ArrayBuffer> } {
  return {
    fileName: `${exp.baseName}.zip`,
    zip: zipStored(exp.files.map((f) => ({ path: `${exp.baseName}/${f.path}`, bytes: f.bytes, mtime: now })), now),
  };
}

/**
 * Writes the export into a new folder inside `parent` (named like the conversation; " (2)", " (3)"… when
 * that name is taken, so nothing there is ever overwritten). Returns the folder.
 */
export async function writeExportFolder(exp: ConversationExport, parent: string): Promise<string> {
  const folder = await freshFolder(parent, exp.baseName);
  for (const f of exp.files) {
    const target = join(folder, ...f.path.split('/'));
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, f.bytes, { flag: 'wx' });
  }
  return folder;
}

export async function freshFolder(parent: string, name: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (let n = 1; ; n++) {
    const folder = join(parent, n === 1 ? name : `${name} (${n})`);
    // Made, not looked for: mkdir fails on an existing name, so two exports at once never share a folder.
    try {
      await mkdir(folder);
      return folder;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

async function attachmentLines(
  store: Store, dataDir: string, m: Message, turn: string, mediaPath: (name: string) => string, files: ExportFile[],
): Promise<string[]> {
  const records = store.preparedMedia(m.id);
  const lines: string[] = [];
  for (const [i, a] of m.attachments.entries()) {
    const record = records[i];
    const name = oneLine(a.name) || `attachment ${i + 1}`;
    const note = a.summary ? ` — ${oneLine(a.summary)}` : '';
    if (isLinkedMedia(record)) {
      lines.push(`- [${escapeLabel(name)}](<${record.link}>)${note}`);
      continue;
    }
    const prepared = record as PreparedMedia | undefined;
    const stored = prepared?.files ?? [];
    if (stored.length === 0) {
      lines.push(`- ${escapeLabel(name)} (its file is not in the history)${note}`);
      continue;
    }
    const links: string[] = [];
    for (const [k, file] of stored.entries()) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(storedPath(dataDir, file.relPath));
      } catch {
        links.push(`${escapeLabel(name)} (file missing)`);
        continue;
      }
      const stem = safeFileBase(name.replace(/\.[A-Za-z0-9]{1,8}$/, ''), a.kind, 50);
      const part = stored.length > 1 ? `-frame-${String(k + 1).padStart(2, '0')}` : '';
      const path = mediaPath(`${turn}-${stem}${part}.${file.ext}`);
      files.push({ path, bytes });
      const label = escapeLabel(stored.length > 1 ? `${name}, frame ${k + 1}` : name);
      links.push(a.kind === 'image' || prepared?.sendAs === 'frames' ? `![${label}](${linkTarget(path)})` : `[${label}](${linkTarget(path)})`);
    }
    lines.push(`- ${links.join(' ')}${note}`);
  }
  return lines;
}

function evenLength(pcm: Uint8Array): Uint8Array {
  return pcm.byteLength % 2 === 0 ? pcm : pcm.subarray(0, pcm.byteLength - 1);
}

function seconds(bytes: number): string {
  return `${(bytes / BYTES_PER_SAMPLE / REPLY_SAMPLE_RATE).toFixed(1)} s`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeLabel(s: string): string {
  return s.replace(/([\\[\]])/g, '\\$1');
}
