// What the history and reply benchmarks time in the page: a click on a conversation until its last message shows.

/**
 * In the page: from a click on the conversation's link to the frame that shows its last message. A
 * string, so the bundler's helpers (tsx names functions) do not leak into the page.
 */
export function openInPage(title: string, messageId: string): string {
  return `new Promise((resolve, reject) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent === ${JSON.stringify(title)});
    if (!link) return reject(new Error('no link'));
    const t0 = performance.now();
    link.click();
    const tick = () => {
      const el = document.querySelector('[data-message-id=${JSON.stringify(messageId)}]');
      const r = el && el.getBoundingClientRect();
      if (r && r.height > 0 && r.top < innerHeight) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(tick);
    };
    tick();
  })`;
}
