// What was salvaged from a damaged history, as one Markdown file per conversation (plus a README saying
// what happened), for a folder (Electron) or a .zip (the browser shell).
import type { ExportFile } from '../export/conversation';
import { localStamp, safeFileBase } from '../export/names';
import type { Salvage, SalvagedConversation } from './salvage';

export function salvageFiles(s: Salvage, now: number): ExportFile[] {
  const enc = new TextEncoder();
  // README.md is ours: a conversation called "README" gets "README (2).md" (the folder export writes each
  // file only if it is new, so a clash failed the whole export).
  const used = new Set<string>(['readme.md']);
  const files: ExportFile[] = [];
  for (const c of s.conversations) {
    // The id comes from a damaged file too: it is made a safe name like a title (a "/" must not become a folder).
    const base = safeFileBase(c.title ?? '', safeFileBase(`Conversation ${c.id}`, 'Conversation'));
    let name = `${base}.md`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).md`;
    used.add(name.toLowerCase());
    files.push({ path: name, bytes: enc.encode(conversationMarkdown(c)) });
  }
  const readme = [
    '# Conversations read from a damaged Omni Desk history',
    '',
    `Exported on ${localStamp(now)}: ${s.conversations.length} conversation(s) could be read, in part or whole.`,
    s.unreadable > 0
      ? `Some parts of the file could not be read (${s.unreadable} place(s)); turns stored there are missing here.`
      : 'Every row that was found could be read.',
    '',
    'Audio and attached files are not in this export; the attached files are still in the media folder of the data directory.',
    '',
  ].join('\n');
  files.unshift({ path: 'README.md', bytes: enc.encode(readme) });
  return files;
}

function conversationMarkdown(c: SalvagedConversation): string {
  const md = [`# ${oneLine(c.title ?? '') || `Conversation ${c.id} (its title could not be read)`}`, ''];
  if (c.createdAt) md.push(`Started ${localStamp(c.createdAt)}${c.model ? ` · model ${c.model}` : ''}.`, '');
  for (const m of c.messages) {
    md.push(`## ${m.role === 'user' ? 'You' : m.role === 'assistant' ? 'Assistant' : oneLine(m.role) || 'Unknown'}${m.createdAt ? ` · ${localStamp(m.createdAt)}` : ''}`, '');
    if (m.reasoning.trim()) {
      md.push('> **Reasoning**', '>');
      for (const line of m.reasoning.trimEnd().split('\n')) md.push(line ? `> ${line}` : '>');
      md.push('');
    }
    if (m.text.trim()) md.push(m.text.trimEnd(), '');
    if (m.attachments.length > 0) md.push(`Attached: ${m.attachments.map(oneLine).join(', ')}`, '');
    if (m.role === 'assistant' && m.status !== 'complete' && m.status) md.push(`*${m.status}*`, '');
  }
  if (c.messages.length === 0) md.push('*None of its messages could be read.*', '');
  return md.join('\n');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
