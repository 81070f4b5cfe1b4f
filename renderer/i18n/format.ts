// Dates, durations and numbers in the interface language.
import { findModel } from '../../shared/catalog';
import type { Language } from '../../shared/domain';

export function formatListDate(ms: number, lang: Language, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.toDateString() === today.toDateString();
  if (sameDay) return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(d);
  const sameYear = d.getFullYear() === today.getFullYear();
  return new Intl.DateTimeFormat(lang, sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

export function formatFullDate(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(lang).format(n);
}

export function formatSeconds(samples: number, sampleRate: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(samples / sampleRate);
}

export function modelLabel(id: string | null | undefined): string {
  if (!id) return '';
  return findModel(id)?.label ?? id;
}
