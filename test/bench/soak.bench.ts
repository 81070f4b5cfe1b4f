// Soak benchmark: 500 turns with pictures and audio through the browser shell, as `npm run serve` runs it
// (out/main/serve.js in a process of its own, so its memory is its own), against the stand-in. Each turn
// uploads a file the way the page does (POST <token>/upload), waits for its chip to be ready, sends it
// over the page's WebSocket bridge (renderer/bridge/web.ts under Node) and takes the spoken reply's text
// and PCM as the page would. Pictures and recordings alternate, ten turns to a conversation. The real app
// is open in headless Chromium meanwhile, on the conversation being talked in (every event goes to it too).
//
// Prints the server's RSS after warm-up and how it grew, the largest the write-ahead log got, and checks
// that no turn was lost: every question and every reply stored, complete, with its text and all its audio.
// `npm run bench soak` (it builds first); SOAK_TURNS=… for a shorter run.
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../electron/core/app-core';
import type { EventPayload, OmniBridge, RequestOutput } from '../../shared/contract';
import type { AttachmentView } from '../../shared/domain';
import { ffmpeg } from '../media/media-helpers';
import { startStandin } from '../standin';
import { launchChromium } from '../support/browser';
import { BUILT_SERVE, startServe } from '../shell/support/serve-process';

const TURNS = Number(process.env.SOAK_TURNS ?? 500);
const TURNS_PER_CONVERSATION = 10;
const WARM_UP = Math.min(50, Math.floor(TURNS / 5));
const REPLY_TEXT = 'Here is what I see and hear in what you sent. It is a soak test reply, long enough to stream in pieces.';
const REPLY_SECONDS = 2;
const VARIANTS = 8;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

function sizeMiB(file: string): number {
  try {
    return statSync(file).size / 1024 / 1024;
  } catch {
    return 0;
  }
}

async function makeMedia(dir: string): Promise<{ pictures: string[]; recordings: string[] }> {
  const pictures: string[] = [];
  const recordings: string[] = [];
  for (let i = 0; i < VARIANTS; i++) {
    const picture = path.join(dir, `photo-${i}.png`);
    await ffmpeg('-f', 'lavfi', '-i', `testsrc=size=640x480:rate=1:decimals=${i % 3}`, '-vf', `hue=h=${i * 40}`, '-frames:v', '1', picture);
    const recording = path.join(dir, `voice-${i}.wav`);
    await ffmpeg('-f', 'lavfi', '-i', `sine=frequency=${300 + i * 50}:sample_rate=16000`, '-t', '3', '-ac', '1', recording);
    pictures.push(picture);
    recordings.push(recording);
  }
  return { pictures, recordings };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omni-bench-soak-'));
  const dataDir = path.join(dir, 'data');
  const media = await makeMedia(dir);
  const standin = await startStandin({ scenario: { text: REPLY_TEXT, audioSeconds: REPLY_SECONDS, gapMs: 0 } });
  const server = await startServe(['--data-dir', dataDir, '--base-url', standin.baseUrl], { DASHSCOPE_API_KEY: standin.apiKey }, BUILT_SERVE);
  const started = performance.now();
  try {
    const pageUrl = server.url;
    const origin = new URL(pageUrl).origin;
    const browser = await launchChromium();
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pageUrl);
    await page.getByRole('button', { name: 'New conversation', exact: true }).waitFor();
    const bridge: OmniBridge = server.bridge;
    const chips = new Map<string, AttachmentView>();
    const chipWaiters = new Map<string, (v: AttachmentView) => void>();
    bridge.on('attachment.updated', ({ attachment }: EventPayload<'attachment.updated'>) => {
      chips.set(attachment.id, attachment);
      if (attachment.state === 'ready' || attachment.state === 'error') chipWaiters.get(attachment.id)?.(attachment);
    });
    const replies = new Map<string, { text: string; audioBytes: number; status: string | null }>();
    const outcomeWaiters = new Map<string, () => void>();
    bridge.on('chat.event', (e: EventPayload<'chat.event'>) => {
      const r = replies.get(e.messageId) ?? { text: '', audioBytes: 0, status: null };
      replies.set(e.messageId, r);
      if (e.kind === 'text') r.text += e.delta;
      else if (e.kind === 'audio') r.audioBytes += e.pcm.byteLength;
      else if (e.kind === 'outcome') {
        r.status = e.status;
        outcomeWaiters.get(e.messageId)?.();
      }
    });

    /** What the page does with a dropped file: POST it below the page's folder, then wait for its chip. */
    async function attach(file: string): Promise<AttachmentView> {
      const res = await fetch(new URL(`upload?name=${encodeURIComponent(path.basename(file))}`, pageUrl), {
        method: 'POST', body: await readFile(file), headers: { Origin: origin },
      });
      if (!res.ok) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      const known = chips.get(id);
      const view = known && (known.state === 'ready' || known.state === 'error')
        ? known
        : await new Promise<AttachmentView>((resolve) => chipWaiters.set(id, resolve));
      chipWaiters.delete(id);
      chips.delete(id);
      if (view.state !== 'ready') throw new Error(`${file}: ${view.error}`);
      return view;
    }

    const sent: Array<{ conversationId: string; question: string; replyId: string }> = [];
    let conversationId: string | null = null;
    let warmRss = NaN;
    let warmAt = 0;
    let peakRss = 0;
    let peakWal = 0;
    const samples: string[] = [];
    for (let turn = 1; turn <= TURNS; turn++) {
      const picture = turn % 2 === 1;
      const variant = Math.floor(turn / 2) % VARIANTS;
      const chip = await attach(picture ? media.pictures[variant]! : media.recordings[variant]!);
      const question = `Turn ${turn}: what is in this ${picture ? 'picture' : 'recording'}?`;
      const res: RequestOutput<'chat.send'> = await bridge.invoke('chat.send', { conversationId, text: question, attachmentIds: [chip.id], options: {} });
      if (conversationId === null) await page.evaluate((id) => ((globalThis as any).location.hash = `#/c/${id}`), res.conversationId);
      conversationId = res.conversationId;
      const replyId = res.assistantMessage.id;
      if (replies.get(replyId)?.status == null) await new Promise<void>((resolve) => outcomeWaiters.set(replyId, resolve));
      outcomeWaiters.delete(replyId);
      sent.push({ conversationId: res.conversationId, question, replyId });
      standin.requests.length = 0;
      if (turn % TURNS_PER_CONVERSATION === 0) conversationId = null;

      const wal = sizeMiB(path.join(dataDir, `${DATABASE_FILE}-wal`));
      peakWal = Math.max(peakWal, wal);
      if (turn === WARM_UP) {
        warmRss = rssMiB(server.child.pid!);
        warmAt = performance.now();
      }
      if (turn > WARM_UP) peakRss = Math.max(peakRss, rssMiB(server.child.pid!));
      if (turn % 50 === 0 || turn === TURNS) {
        const line = `turn ${turn}: server RSS ${rssMiB(server.child.pid!).toFixed(0)} MiB, WAL ${wal.toFixed(1)} MiB, history ${sizeMiB(path.join(dataDir, DATABASE_FILE)).toFixed(1)} MiB`;
        samples.push(line);
        console.log(`  ${line}`);
      }
    }
    const endRss = rssMiB(server.child.pid!);
    const seconds = (performance.now() - started) / 1000;
    const pageHeap = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize as number | undefined);
    await browser.close();

    // No turn lost: every question and reply is stored, complete, with all the text and audio that streamed.
    const expectedSamples = REPLY_SECONDS * 24_000;
    let lost = 0;
    const conversations = new Map<string, RequestOutput<'conversations.get'>>();
    for (const s of sent) {
      let detail = conversations.get(s.conversationId);
      if (!detail) {
        detail = await bridge.invoke('conversations.get', { id: s.conversationId });
        conversations.set(s.conversationId, detail);
      }
      const i = detail.messages.findIndex((m) => m.id === s.replyId);
      const question = detail.messages[i - 1];
      const reply = detail.messages[i];
      const streamed = replies.get(s.replyId);
      const ok = question?.text === s.question && question.attachments.length === 1 && reply?.status === 'complete'
        && reply.text === REPLY_TEXT && reply.text === streamed?.text && reply.audio?.samples === expectedSamples
        && streamed?.audioBytes === expectedSamples * 2;
      if (!ok) lost++;
    }
    console.log(`soak: ${TURNS} turns (pictures and recordings alternating, ${TURNS_PER_CONVERSATION} to a conversation, ${REPLY_SECONDS} s spoken replies) in ${seconds.toFixed(0)} s`);
    console.log(`  server RSS after ${WARM_UP} turns (warm-up): ${warmRss.toFixed(0)} MiB; highest after: ${peakRss.toFixed(0)} MiB (+${(peakRss - warmRss).toFixed(0)} MiB); at the end: ${endRss.toFixed(0)} MiB`);
    console.log(`  over ${((performance.now() - warmAt) / 1000).toFixed(0)} s after warm-up; the write-ahead log at most ${peakWal.toFixed(1)} MiB`);
    console.log(`  the app's page in Chromium, on the conversation being talked in: JS heap ${((pageHeap ?? NaN) / 1024 / 1024).toFixed(0)} MiB at the end, ${pageErrors.length} page errors`);
    console.log(`  turns lost: ${lost} of ${TURNS} (each question with its file, each reply complete with its text and ${expectedSamples} samples)`);
    if (lost > 0 || peakRss - warmRss > 50 || pageErrors.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await standin.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
