// Run in a child process by crash-random.test.ts: the real core (createCore on a real data directory)
// talking to the parent's stand-in, sending turn after turn until it is killed.
// Usage: node --import tsx crash-random-child.ts <dataDir> <baseUrl> <apiKey>
// Prints one JSON line per step: {"ready"}, {"sent": {...}} once chat.send answered (both messages are
// committed by then), {"complete": {...}} with the reply as stored once its outcome arrived.
import { createCore } from '../../../electron/core/app-core';

const [dataDir, baseUrl, apiKey] = process.argv.slice(2);
if (!dataDir || !baseUrl || !apiKey) throw new Error('usage: crash-random-child.ts <dataDir> <baseUrl> <apiKey>');
const t0 = Date.now();
const say = (x: unknown) => process.stdout.write(`${JSON.stringify({ ...(x as object), ms: Date.now() - t0 })}\n`);
// Never outlive a parent that forgot us.
setTimeout(() => process.exit(3), 60_000).unref();

async function main(): Promise<void> {
const core = await createCore({ dataDir: dataDir!, shell: 'web', version: 'crash-test', baseUrl: baseUrl!, envKey: apiKey!, cipher: null });
const [latest] = await core.handlers['conversations.list']({ limit: 1 });
let conversationId: string | null = latest?.id ?? null;
let waiting: string | null = null;
let turn = 0;

core.subscribe((name, payload) => {
  if (name !== 'chat.event') return;
  const ev = payload as { kind: string; messageId: string; status?: string };
  if (ev.kind !== 'outcome' || ev.messageId !== waiting) return;
  waiting = null;
  void (async () => {
    const detail = await core.handlers['conversations.get']({ id: conversationId! });
    const m = detail.messages.find((x) => x.id === ev.messageId)!;
    say({ complete: { id: m.id, status: m.status, text: m.text, audioBytes: (m.audio?.samples ?? 0) * 2 } });
    await next();
  })();
});

async function next(): Promise<void> {
  turn += 1;
  const text = `Question ${process.pid}-${turn}: tell me more.`;
  let r;
  for (;;) {
    try {
      r = await core.handlers['chat.send']({ conversationId, text, attachmentIds: [], options: {} });
      break;
    } catch (err) {
      // The outcome event comes just before the core lets go of the reply: ask again in a moment.
      if ((err as { info?: { kind?: string } }).info?.kind !== 'busy') throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  conversationId = r.conversationId;
  waiting = r.assistantMessage.id;
  say({ sent: { conversationId, userId: r.userMessage.id, text, assistantId: r.assistantMessage.id } });
  watch(r.assistantMessage.id);
}

/** Reports how much of the streaming reply is committed, so the parent can kill it part-way through. */
function watch(id: string): void {
  let last = 0;
  const timer = setInterval(() => {
    if (waiting !== id) return clearInterval(timer);
    void Promise.resolve(core.handlers['conversations.get']({ id: conversationId! })).then((d) => {
      const m = d.messages.find((x) => x.id === id);
      if (waiting === id && m && m.status === 'streaming' && m.text.length > last) {
        last = m.text.length;
        say({ stored: { id, textLength: last } });
      }
    });
  }, 30);
}

say({ ready: true });
await next();
}

main().catch((err: unknown) => {
  process.stderr.write(`crash child failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
