// `npm run bench`: builds when out/ is stale, then runs every benchmark in test/bench/ one after another.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status === 0;

if (!run('electron-vite', ['build'])) process.exit(1);
const only = process.argv[2];
let ok = true;
for (const f of readdirSync(join(root, 'test/bench')).filter((n) => n.endsWith('.bench.ts')).sort()) {
  if (only && !f.includes(only)) continue;
  console.log(`\n=== ${f}`);
  ok = run('tsx', [join('test/bench', f)]) && ok;
}
process.exit(ok ? 0 : 1);
