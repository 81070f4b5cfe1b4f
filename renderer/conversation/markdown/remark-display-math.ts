// `$$ x $$` written on a line of its own is a display formula, as Qwen means it; remark-math reads `$$…$$`
// within a line as inline math. This turns a paragraph that holds only such a formula into a math block.
import type { Paragraph, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';

interface MathNode {
  type: 'math';
  value: string;
  data: { hName: 'pre'; hChildren: unknown[] };
}

function displayMath(value: string): MathNode {
  return {
    type: 'math',
    value,
    data: {
      hName: 'pre',
      hChildren: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value }] }],
    },
  };
}

function onlyDoubleDollar(p: Paragraph, source: string): string | null {
  const kids = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (kids.length !== 1 || kids[0]!.type !== 'inlineMath') return null;
  const at = kids[0]!.position?.start.offset;
  return at !== undefined && source.startsWith('$$', at) ? (kids[0] as { value: string }).value : null;
}

function visit(parent: { children: RootContent[] }, source: string): void {
  parent.children = parent.children.map((node) => {
    if (node.type === 'paragraph') {
      const tex = onlyDoubleDollar(node, source);
      if (tex !== null) return displayMath(tex) as unknown as RootContent;
    }
    if ('children' in node && Array.isArray(node.children)) visit(node as { children: RootContent[] }, source);
    return node;
  });
}

export function remarkDisplayMath() {
  return (tree: Root, file: VFile): void => visit(tree, String(file.value));
}
