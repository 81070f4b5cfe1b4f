// The Markdown-rich replies the reply benchmark streams and stores: a 2,000-token reply (about 8,000
// characters) with headings, a table, nested lists, code in three languages and math, and shorter rich
// replies for a long conversation. Deterministic, so every run measures the same text.

const SECTION = (n: number) => [
  `## Part ${n}: what the models do`,
  '',
  `Qwen-Omni hears, sees and **speaks**: part ${n} compares them on *the things that matter* for a desktop app,`,
  'with the trade-offs spelled out so you can choose without reading the whole reference first.',
  '',
  '| Model | Voices | Thinking | Longest audio | Video |',
  '| --- | ---: | :---: | --- | --- |',
  '| Qwen3-Omni-Flash | 17 | yes | 20 min | 150 s |',
  '| Qwen-Omni-Turbo | 4 | no | 3 min | 40 s |',
  '| Qwen2.5-Omni-7B | 2 | no | 20 min | 150 s |',
  '',
  '1. Pick a model:',
  '   - **Flash** for thinking and the most voices',
  '   - *Turbo* when speed matters most, for short questions',
  '2. Attach your media and ask; the app fits each file first.',
  '3. Listen while the text streams, or read it later.',
  '',
  '```ts',
  `// Part ${n}: send a question and play the reply as it streams`,
  "const sent = await bridge.invoke('chat.send', { conversationId: null, text: 'Hello', attachmentIds: [] });",
  'for await (const event of replies(sent.assistantMessage.id)) {',
  "  if (event.kind === 'audio') player.push(event.pcm, event.receivedAt);",
  "  else if (event.kind === 'text') view.append(event.delta);",
  '}',
  '```',
  '',
  `The energy of part ${n} is $E = mc^2$, a wave moves at $v = f \\lambda$, and the Basel sum is`,
  '',
  '$$',
  `\\sum_{k=1}^{\\infty} \\frac{1}{k^2} = \\frac{\\pi^2}{6} \\approx 1.6449 + ${n}\\cdot 0`,
  '$$',
  '',
  '```python',
  `def part_${n}(samples, rate=24_000):`,
  '    """Seconds of audio in a list of PCM samples."""',
  '    return len(samples) / rate',
  '```',
  '',
  '> A quote from the reference: replies are streamed as text and audio deltas, the audio as base64 PCM16 at',
  '> 24 kHz, mono; the usage comes in the last chunk.',
  '',
  '- [x] Tables, lists and code',
  '- [x] Math, inline and as blocks',
  `- [ ] ~~Footnotes~~ in part ${n}`,
  '',
].join('\n');

/** About 2,000 tokens of Markdown (≈ 8,000 characters at ~4 characters a token). */
export function richReply(tokens = 2_000): string {
  let text = '# How the Omni models compare\n\n';
  for (let n = 1; text.length < tokens * 4; n++) text += SECTION(n);
  return text;
}

/** A shorter rich reply (one section, ~1,900 characters) for each turn of a long conversation. */
export function richTurn(k: number): string {
  return SECTION(k + 1);
}

/** A plain reply of about the same length, as the history benchmark's long conversation has. */
export function plainTurn(k: number): string {
  const words = ['glacier', 'river', 'mountain', 'weather', 'forecast', 'recipe', 'garden', 'battery', 'network', 'planet'];
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(words[(k * 7 + i * 3) % words.length]!);
  return `Reply ${k + 1}. ${out.join(' ')}.`;
}
