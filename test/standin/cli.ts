// Runs the stand-in on its own, for manual use and benchmarks:
//   npx tsx test/standin/cli.ts --port 0 --key sk-x --realtime [--speech] [--text "..."] [--audio-seconds 5]
//        [--chunk-ms 100] [--first-chunk-delay-ms 300]
// Prints exactly one line, the base URL, then serves until interrupted. POST a JSON object of scenario knobs
// to <origin>/__standin/scenario to change what the next replies do.
import { parseArgs } from 'node:util';
import type { StandinScenario } from './scenario';
import { startStandin } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    realtime: { type: 'boolean', default: false },
    speech: { type: 'boolean', default: false },
    text: { type: 'string' },
    'audio-seconds': { type: 'string' },
    'chunk-ms': { type: 'string' },
    'first-chunk-delay-ms': { type: 'string' },
  },
  strict: true,
});

function num(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} needs a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const scenario: Partial<StandinScenario> = { realtime: values.realtime, speech: values.speech };
if (values.text !== undefined) scenario.text = values.text;
const audioSeconds = num('audio-seconds', values['audio-seconds']);
if (audioSeconds !== undefined) scenario.audioSeconds = audioSeconds;
const chunkMs = num('chunk-ms', values['chunk-ms']);
if (chunkMs !== undefined) scenario.chunkMs = Math.max(10, chunkMs);
const delay = num('first-chunk-delay-ms', values['first-chunk-delay-ms']);
if (delay !== undefined) scenario.firstChunkDelayMs = delay;

async function main(): Promise<void> {
  const standin = await startStandin({
    port: num('port', values.port) ?? 0,
    ...(values.key ? { apiKey: values.key } : {}),
    scenario,
  });
  console.log(standin.baseUrl);
  const stop = () => {
    standin.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`The stand-in could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
