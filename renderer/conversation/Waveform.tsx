// A reply's waveform drawn on a canvas: one bar per peak, the part already played (or sought past) in the
// accent colour. Colours come from the theme's CSS variables, so light and dark both read well.
import { useEffect, useRef } from 'react';

export function Waveform({ peaks, progress }: { peaks: readonly number[] | null; progress: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useRef({ w: 0, h: 0 });
  const latest = useRef({ peaks, progress });
  latest.current = { peaks, progress };

  // One observer for the canvas's life; playing only repaints (progress moves many times a second).
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const observer = new ResizeObserver(() => {
      size.current = { w: c.clientWidth, h: c.clientHeight };
      paint(c, latest.current.peaks, latest.current.progress, size.current);
    });
    observer.observe(c);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (canvas.current) paint(canvas.current, peaks, progress, size.current);
  }, [peaks, progress]);

  return <canvas ref={canvas} className="waveform-canvas" aria-hidden="true" data-peaks={peaks?.length ?? 0} />;
}

function paint(c: HTMLCanvasElement, peaks: readonly number[] | null, progress: number, size: { w: number; h: number }): void {
  const w = size.w || c.clientWidth;
  const h = size.h || c.clientHeight;
  if (w === 0 || h === 0) return;
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
  }
  const g = c.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const style = getComputedStyle(c);
  const played = style.getPropertyValue('--wave-played').trim() || '#4f6ef7';
  const rest = style.getPropertyValue('--wave-rest').trim() || '#9aa3b2';
  if (!peaks || peaks.length === 0) {
    g.fillStyle = rest;
    g.fillRect(0, h / 2 - 0.5, w, 1);
    return;
  }
  const bar = w / peaks.length;
  const cut = progress * w;
  for (let i = 0; i < peaks.length; i++) {
    // A floor so silence still shows as a thin line rather than nothing.
    const v = Math.max(0.04, Math.min(1, peaks[i] ?? 0));
    const bh = v * (h - 2);
    const x = i * bar;
    g.fillStyle = x + bar / 2 <= cut ? played : rest;
    g.fillRect(x + bar * 0.15, (h - bh) / 2, Math.max(1, bar * 0.7), bh);
  }
}
