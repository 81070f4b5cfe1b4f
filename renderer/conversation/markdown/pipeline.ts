// Everything of the reply renderer that parses Markdown, gathered as one chunk loaded after the window's
// first load (heavy-parts.ts): cutting a reply into blocks, readying a streaming block, and rendering a
// block. The components that use it (Markdown.tsx, MarkdownBlock.tsx) are in the first load and show the
// source as plain text until it is there.
export { blockSources, cachedBlockSources, splitBlocks, type Blocks } from './blocks';
export { cachedMarkdownToReact, markdownToReact } from './render-markdown';
export { prepareStreamingTail } from './streaming';
