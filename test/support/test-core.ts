// The assembled core as the Node tests meet it: createCore on a data directory of its own (a real SQLite
// file), pointed at a DashScope stand-in, with everything it pushes collected. A reply's end is awaited on
// its `outcome` event, with a bounded wait that says what never came — not polled every few milliseconds.
// One helper instead of a copy in each test file (turn, errors, branches, regions, exports, e2e seeding).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type CoreOptions } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/dispatch';
import type { Core } from '../../electron/core/core-interface';
import type { ChatEvent, RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/domain';
import type { Standin } from '../standin';

export type Outcome = Extract<ChatEvent, { kind: 'outcome' }>;
export type Called<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface TestCoreOptions extends Partial<CoreOptions> {
  /** Both regions go to this stand-in, and the core holds its key (as DASHSCOPE_API_KEY) unless `envKey` says otherwise. */
  standin?: Standin;
  /** Prefix of the temporary data directory made when `dataDir` is not given (removed again by close()). */
  prefix?: string;
  /**
   * Generated titles (Settings.generateTitles, on in the app). Off unless a test asks: after a first
   * exchange the title request would go to the stand-in too, in the background, and a test about anything
   * else would see an extra request and a title it did not expect. null: as the data folder has it.
   */
  generateTitles?: boolean | null;
  /**
   * Whether the first run's welcome has been seen through (Settings.welcomeDone). True unless a test asks
   * for a first run: a test about anything else starts in the window a returning user sees. null: as the
   * data folder has it (a restart).
   */
  welcomeDone?: boolean | null;
}

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Every chat.event pushed, oldest first. */
  events: ChatEvent[];
  /** What the core logged. */
  logs: string[];
  /** Through the shells' validate-and-call loop (dispatch): the value, or the ErrorInfo a person would see. */
  call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<Called<RequestOutput<K>>>;
  /** The first pushed chat.event that `match` accepts, once it has come (at most `timeoutMs`). */
  event<E extends ChatEvent>(match: (e: ChatEvent) => e is E, what: string, timeoutMs?: number): Promise<E>;
  event(match: (e: ChatEvent) => boolean, what: string, timeoutMs?: number): Promise<ChatEvent>;
  /** How the reply `messageId` ended, once it has. */
  outcome(messageId: string, timeoutMs?: number): Promise<Outcome>;
  /** The text pushed for a reply, joined. */
  pushedText(messageId: string): string;
  /** chat.send, then the reply's outcome. */
  send(input: Partial<RequestInput<'chat.send'>> & { text: string }): Promise<{ sent: RequestOutput<'chat.send'>; outcome: Outcome }>;
  /** Closes the core (once); removes the data directory when this helper made it. */
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 30_000;

export async function startTestCore(o: TestCoreOptions = {}): Promise<TestCore> {
  const { standin, prefix, generateTitles = false, welcomeDone = true, ...options } = o;
  const made = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), prefix ?? 'omni-core-')));
  const logs: string[] = [];
  const core = await createCore({
    shell: 'web',
    version: 'test',
    ...(standin && !options.baseUrls && options.baseUrl === undefined ? { baseUrl: standin.baseUrl } : {}),
    envKey: standin ? standin.apiKey : null,
    cipher: null,
    log: (line) => logs.push(line),
    ...options,
    dataDir,
  });
  if (!(await core.handlers['recovery.status']({})).needed) {
    const now = await core.handlers['settings.get']({});
    const want = { generateTitles: generateTitles ?? now.generateTitles, welcomeDone: welcomeDone ?? now.welcomeDone };
    if (now.generateTitles !== want.generateTitles || now.welcomeDone !== want.welcomeDone) await core.handlers['settings.update'](want);
  }
  const events: ChatEvent[] = [];
  /** Pending waits: each checks the events again when one arrives; its timer bounds it. */
  const waiters = new Map<() => void, ReturnType<typeof setTimeout>>();
  core.subscribe((name, payload) => {
    if (name !== 'chat.event') return;
    events.push(payload as ChatEvent);
    for (const check of [...waiters.keys()]) check();
  });

  function event(match: (e: ChatEvent) => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<ChatEvent> {
    const now = events.find(match);
    if (now) return new Promise((resolve) => setImmediate(() => resolve(now)));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        clearTimeout(waiters.get(check));
        waiters.delete(check);
        // A shell's client (the page, over IPC or the WebSocket) meets an event in a task of its own, after
        // the core has finished the step that pushed it (a reply leaves the active set just after its
        // outcome): resolve a task later too, not in the middle of that step.
        setImmediate(() => resolve(found));
      };
      waiters.set(check, setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${what}: not pushed within ${timeoutMs} ms`));
      }, timeoutMs));
    });
  }

  const outcome = (messageId: string, timeoutMs?: number) =>
    event((e): e is Outcome => e.kind === 'outcome' && e.messageId === messageId, `the outcome of reply ${messageId}`, timeoutMs) as Promise<Outcome>;

  let closed = false;
  return {
    core,
    dataDir,
    events,
    logs,
    call: async (name, input) => (await dispatch(core.handlers, name, input, (l) => logs.push(l))) as never,
    event: event as TestCore['event'],
    outcome,
    pushedText: (id) => events.filter((e) => e.kind === 'text' && e.messageId === id).map((e) => (e as { delta: string }).delta).join(''),
    async send(input) {
      const sent = await core.handlers['chat.send']({ conversationId: null, attachmentIds: [], options: {}, ...input });
      return { sent, outcome: await outcome(sent.assistantMessage.id) };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Nothing waits on a closed core: drop the pending waits without failing them after the test.
      for (const timer of waiters.values()) clearTimeout(timer);
      waiters.clear();
      await core.close();
      if (made) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value of a dispatched call, or a test failure that quotes the refusal. */
export async function must<T>(r: Promise<Called<T>>): Promise<T> {
  const got = await r;
  if (!got.ok) throw new Error(`refused: ${got.error.message}`);
  return got.value;
}

/** The refusal of a dispatched call, or a test failure that shows what came back instead. */
export async function refused(r: Promise<Called<unknown>>): Promise<ErrorInfo> {
  const got = await r;
  if (got.ok) throw new Error(`expected a refusal, got ${JSON.stringify(got.value)}`);
  return got.error;
}
