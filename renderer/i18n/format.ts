// Dates, durations, counts and sizes in the interface language, through Intl. Formatters are made once per
// language and options (making one costs far more than using it, and lists format a row at a time).
import { findModel } from '../../shared/catalog';
import { findRealtimeModel } from '../../shared/realtime-catalog';
import type { Language } from '../../shared/domain';

const made = new Map<string, unknown>();
function once<T>(kind: string, lang: Language, options: object, make: () => T): T {
  const key = `${kind}|${lang}|${JSON.stringify(options)}`;
  let f = made.get(key) as T | undefined;
  if (!f) {
    f = make();
    made.set(key, f);
  }
  return f;
}

const dateFormat = (lang: Language, o: Intl.DateTimeFormatOptions) => once('date', lang, o, () => new Intl.DateTimeFormat(lang, o));
const numberFormat = (lang: Language, o: Intl.NumberFormatOptions) => once('number', lang, o, () => new Intl.NumberFormat(lang, o));

/** A list row's date: the time today, the day this year, the full date before. */
export function formatListDate(ms: number, lang: Language, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.toDateString() === today.toDateString();
  if (sameDay) return dateFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(d);
  const sameYear = d.getFullYear() === today.getFullYear();
  return dateFormat(lang, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

export function formatFullDate(ms: number, lang: Language): string {
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A date in the language's own words and order, e.g. { month: 'long', year: 'numeric' } → "March 2025" / "2025年3月". */
export function formatDate(ms: number, lang: Language, options: Intl.DateTimeFormatOptions): string {
  return dateFormat(lang, options).format(new Date(ms));
}

/**
 * How long ago (or how soon) `ms` is from `now`, in the largest fitting unit: "now", "5 minutes ago",
 * "yesterday", "3 days ago", "last week", "2 months ago"; "5 分钟前", "昨天". Days and longer count on the
 * calendar, so last evening is "yesterday" even fewer than 24 hours ago.
 */
export function formatRelativeTime(ms: number, lang: Language, now: number = Date.now()): string {
  const rtf = once('relative', lang, {}, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  const seconds = (ms - now) / 1000;
  if (Math.abs(seconds) < 45) return rtf.format(0, 'second');
  const days = calendarDays(ms, now);
  if (days === 0) {
    return Math.abs(seconds) < 3600 ? rtf.format(Math.round(seconds / 60), 'minute') : rtf.format(Math.round(seconds / 3600), 'hour');
  }
  if (Math.abs(days) < 7) return rtf.format(days, 'day');
  if (Math.abs(days) < 30) return rtf.format(Math.trunc(days / 7), 'week');
  const a = new Date(ms);
  const b = new Date(now);
  const months = (a.getFullYear() - b.getFullYear()) * 12 + (a.getMonth() - b.getMonth());
  // 30 days or more is at least "last month", whatever the calendar months say.
  const m = months === 0 ? Math.sign(days) : months;
  if (Math.abs(m) < 12) return rtf.format(m, 'month');
  return rtf.format(Math.trunc(m / 12), 'year');
}

/** Whole calendar days from `now` to `ms` in local time (negative in the past). */
export function calendarDays(ms: number, now: number): number {
  const day = (t: number) => {
    const d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  };
  return day(ms) - day(now);
}

export function formatNumber(n: number, lang: Language): string {
  return numberFormat(lang, {}).format(n);
}

/** A size in bytes as a person reads it: "820 bytes", "35 kB", "2.4 MB" (decimal units, as file managers show). */
export function formatBytes(bytes: number, lang: Language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i += 1;
  }
  // Bytes in full ("820 bytes", "820字节"): the short form of that one unit is "byte", whatever the count.
  const unitDisplay = i === 0 ? 'long' : 'short';
  return numberFormat(lang, { style: 'unit', unit: units[i], unitDisplay, maximumFractionDigits: value < 10 && i > 0 ? 1 : 0 }).format(value);
}

export function formatSeconds(samples: number, sampleRate: number, lang: Language): string {
  return numberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(samples / sampleRate);
}

export function modelLabel(id: string | null | undefined): string {
  if (!id) return '';
  // A live voice reply names its Realtime model (shared/realtime-catalog.ts), not the id.
  return findModel(id)?.label ?? findRealtimeModel(id)?.label ?? id;
}
