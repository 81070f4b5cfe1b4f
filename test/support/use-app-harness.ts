// The app harness as a vitest test file uses it: kept apart from app-harness.ts, which the benchmarks and
// `npm run screenshots` import under tsx, where vitest cannot be loaded.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startAppHarness, type AppHarness, type AppHarnessOptions } from './app-harness';

/**
 * The harness for a test file: started once before its tests, a fresh app (data directory, core, shell,
 * browser context) before each test, everything closed after. Read its fields inside tests and hooks.
 */
export function useAppHarness(o: AppHarnessOptions, timeouts: { startMs?: number } = {}): AppHarness {
  let harness: AppHarness | null = null;
  const h = (): AppHarness => {
    if (!harness) throw new Error('the app harness has not started (its beforeAll failed or has not run)');
    return harness;
  };
  beforeAll(async () => {
    harness = await startAppHarness(o);
  }, timeouts.startMs ?? 180_000);
  beforeEach(async () => {
    await h().reset();
  }, 60_000);
  afterEach(async () => {
    await harness?.endTest();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  }, 60_000);
  return {
    get dir() { return h().dir; },
    get standin() { return h().standin; },
    get browser() { return h().browser; },
    get dataDir() { return h().dataDir; },
    get core() { return h().core; },
    get testCore() { return h().testCore; },
    get shell() { return h().shell; },
    get context() { return h().context; },
    openApp: () => h().openApp(),
    newPage: () => h().newPage(),
    replies: (s) => h().replies(s),
    reset: () => h().reset(),
    endTest: () => h().endTest(),
    close: () => h().close(),
  };
}
