// A large history generated straight into a data directory's database through the store's own API (so
// the rows and the branch links are exactly what the app writes), in one transaction. The search index's
// triggers are set aside meanwhile and the index rebuilt once at the end, then the triggers put back as
// they were: the same file the app would have written, in half the time.
// Used by the history benchmark (10,000 conversations, 200,000 messages) and the browse e2e test.
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/app-core';
import { createStore, openDatabase } from '../../electron/core/store';

export interface HistoryPlan {
  /** How many conversations, the long one included. */
  conversations: number;
  /** Messages in all, the long one's included (spread evenly over the others, at least one each; every
   *  seventh conversation gets at least a question and a reply with audio, which may add a few). */
  messages: number;
  /** Turns (a question and its reply) of the one long conversation. */
  longTurns: number;
  /** Where the long conversation sits in the list (0 = newest). */
  longPosition?: number;
  /** Every n-th conversation's first question carries a picture (search's "with media" filter); none if absent. */
  mediaEvery?: number;
}

export interface GeneratedHistory {
  conversations: number;
  messages: number;
  /** Conversation ids, oldest first; titles are `Conversation <n>` with n from 1 (oldest). */
  ids: string[];
  longId: string;
  longTitle: string;
  /** The long conversation's messages in order. */
  longMessageIds: string[];
  /** Conversations whose replies have audio. */
  withAudio: Set<string>;
  /** A word found only in the long conversation's third reply. */
  earlyMarker: string;
}

const EN = [
  'glacier', 'river', 'mountain', 'weather', 'forecast', 'recipe', 'garden', 'battery', 'network', 'planet',
  'history', 'library', 'concert', 'journey', 'harbour', 'summer', 'winter', 'market', 'engine', 'window',
  'question', 'answer', 'travel', 'museum', 'science', 'coffee', 'bicycle', 'language', 'holiday', 'camera',
];
const ZH = [
  '北京', '上海', '天气', '长城', '火车', '音乐', '咖啡', '图书馆', '博物馆', '电池', '网络', '花园', '旅行', '历史',
  '语言', '科学', '山脉', '河流', '冰川', '夏天', '冬天', '市场', '发动机', '窗户', '相机', '自行车', '假期', '问题',
];

/** A small deterministic generator, so every run builds the same history. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r: () => number, chinese: boolean, words: number): string {
  const list = chinese ? ZH : EN;
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(list[Math.floor(r() * list.length)]!);
  return chinese ? `${out.join('')}。` : `${out.join(' ')}.`;
}

const MINUTE = 60_000;

export function generateHistory(dataDir: string, plan: HistoryPlan): GeneratedHistory {
  const r = rng(42);
  let t = Date.UTC(2026, 0, 1);
  const db = openDatabase(join(dataDir, DATABASE_FILE), { now: () => t });
  const store = createStore(db, { now: () => t });
  const longPosition = plan.longPosition ?? Math.floor(plan.conversations / 2);
  const longIndex = plan.conversations - 1 - longPosition;
  const others = plan.conversations - 1;
  const rest = Math.max(others, plan.messages - plan.longTurns * 2);
  const ids: string[] = [];
  const withAudio = new Set<string>();
  const longMessageIds: string[] = [];
  let longId = '';
  let longTitle = '';
  let messages = 0;
  const pcm = new Uint8Array(4_800); // 0.1 s of silence at 24 kHz
  const earlyMarker = 'zephyrquartz';

  const reply = (conversationId: string, text: string, audio: boolean): string => {
    const m = store.addMessage({ conversationId, role: 'assistant', text: '', status: 'streaming', model: 'qwen3-omni-flash', voice: 'Cherry' });
    store.finishReply(m.id, { status: 'complete', usage: null, error: null }, { text, audio: audio ? [pcm] : undefined });
    messages++;
    return m.id;
  };

  const triggers = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'messages_fts%'")
    .all();

  db.transaction(() => {
    for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
    let placed = 0;
    for (let i = 0; i < plan.conversations; i++) {
      t += MINUTE;
      const n = i + 1;
      if (i === longIndex) {
        longTitle = `Conversation ${n} (long)`;
        const c = store.createConversation({ title: longTitle, model: 'qwen3-omni-flash', voice: 'Cherry' });
        longId = c.id;
        ids.push(c.id);
        for (let k = 0; k < plan.longTurns; k++) {
          const chinese = k % 3 === 1;
          const q = store.addMessage({ conversationId: c.id, role: 'user', text: `Turn ${k + 1}: ${sentence(r, chinese, 8)}`, status: 'complete' });
          messages++;
          longMessageIds.push(q.id);
          let text = `Reply ${k + 1}. ${sentence(r, chinese, 20 + Math.floor(r() * 60))}`;
          if (k === 2) text += ` The ${earlyMarker} appears here only.`;
          if (k % 10 === 0) text += `\n\n- ${sentence(r, false, 6)}\n- ${sentence(r, true, 6)}`;
          longMessageIds.push(reply(c.id, text, false));
        }
        continue;
      }
      const chinese = i % 4 === 3;
      const c = store.createConversation({ title: `Conversation ${n}`, model: i % 5 === 0 ? 'qwen3-omni-flash' : 'qwen-omni-turbo', voice: 'Cherry' });
      ids.push(c.id);
      // Spread the remaining messages: each conversation its share, rounded so the total comes out exact.
      const share = Math.round(((placed + 1) * rest) / others) - Math.round((placed * rest) / others);
      placed++;
      const audio = i % 7 === 0;
      // A conversation marked for audio gets a reply to carry it, even when its share is one message.
      const target = audio ? Math.max(2, share) : share;
      if (audio) withAudio.add(c.id);
      const media = plan.mediaEvery !== undefined && i % plan.mediaEvery === 0;
      for (let k = 0; k < target; k++) {
        if (k % 2 === 0) {
          store.addMessage({
            conversationId: c.id, role: 'user', text: sentence(r, chinese, 6 + Math.floor(r() * 10)), status: 'complete',
            attachments: media && k === 0 ? [{ id: `att-${n}`, kind: 'image', name: `photo-${n}.jpg`, summary: 'Sent as it is.', prepared: {} }] : [],
          });
          messages++;
        } else {
          reply(c.id, sentence(r, chinese, 15 + Math.floor(r() * 40)), audio && k === 1);
        }
      }
    }
    if (triggers.length > 0) {
      db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
      for (const tr of triggers) db.exec(tr.sql);
    }
  })();
  db.close();
  return { conversations: plan.conversations, messages, ids, longId, longTitle, longMessageIds, withAudio, earlyMarker };
}
