// The layers of docs/architecture.md as ESLint `no-restricted-imports` rules, one folder at a time.
//
// ESLint matches an import's text ('../web/csp'), not the file it resolves to. So for every depth below a
// layer's folder, layer() works out where each run of '../' lands and which names may follow from there:
// a relative import that resolves outside the folders the layer may use is refused with the layer's own
// sentence, and so is one into a folder it must not use (`forbid`). Bare module names (electron, node:fs)
// are refused by name. Written out here rather than taken from eslint-plugin-boundaries: that plugin
// resolves every import through an import resolver and brings its own config language, for what is ~50
// lines over ESLint's own rule.
//
// ESLint keeps one set of options per rule and file: where two entries match a file, the later replaces
// the earlier. So a sub-folder's layer comes after its parent's and repeats what the parent forbids
// (`...parent`), narrowed; the list of allowed folders makes that natural.

const EXTENSIONS = '{ts,tsx,mts,cts,js,mjs,cjs}';
/** How deep below a layer's folder files are matched (deeper files would escape the rule). */
const MAX_DEPTH = 8;
/** After a folder or file name: a path goes on, the name ends, or an extension ends it. */
const END = '(?:/|\\.\\w+$|$)';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether `p` is `dir` or inside it ('' is the project root, which holds everything). */
const within = (p, dir) => dir === '' || p === dir || p.startsWith(`${dir}/`);
const relativeTo = (p, dir) => (dir === '' ? p : p.slice(dir.length + 1));

/**
 * The config entries that keep `folder`'s files to `may` (project-relative folders or files, no
 * extension; the folder itself is always allowed), minus `forbid`. `modules`: bare names refused,
 * [{ regex, message }]. `message`: the rule, said as a sentence, shown with every refusal.
 */
export function layer({ folder, may = [], forbid = [], modules = [], message }) {
  const segments = folder.split('/');
  const allowed = [folder, ...may];
  const entries = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const refused = [];
    for (let up = 1; up <= segments.length; up++) {
      // `depth + up` times '../' from a file at this depth lands in `at`.
      const climb = `^(?:\\.\\./){${depth + up - 1}}\\.\\.`;
      const at = segments.slice(0, segments.length - up).join('/');
      if (!allowed.some((p) => within(at, p))) {
        const names = allowed.filter((p) => p !== at && within(p, at)).map((p) => escape(relativeTo(p, at)));
        // Anything from here but an allowed name (a further '..' is the next line's business).
        refused.push(`${climb}(?:/(?!(?:${[...names, '\\.\\.'].join('|')})${END}).*)?$`);
      }
      for (const f of forbid) {
        if (f !== at && within(f, at)) refused.push(`${climb}/${escape(relativeTo(f, at))}${END}`);
      }
    }
    refused.push(`^(?:\\.\\./){${depth + segments.length}}\\.\\.(?:/|$)`);
    entries.push({
      files: [`${folder}/${'*/'.repeat(depth)}*.${EXTENSIONS}`],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            ...refused.map((regex) => ({ regex, message, caseSensitive: true })),
            ...modules.map((m) => ({ regex: m.regex, message: m.message, caseSensitive: true })),
          ],
        }],
      },
    });
  }
  return entries;
}
