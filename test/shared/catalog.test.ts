// The catalog against the reference's tables. The tables are parsed, not retyped: from the reference files
// beside the repo (../shared/reference) when they are there, and always from the verbatim copies in
// reference-excerpts.ts, which must still match the files. Changing the catalog or the reference without the
// other fails here.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS, REFERENCE_MODELS, findModel, modelHasVoice, type ModelInfo } from '../../shared/catalog';
import { EXCERPTS } from './reference-excerpts';

const refDir = resolve(__dirname, '../../../shared/reference');
const factsPath = resolve(refDir, 'qwen-omni-facts.md');
const guidePath = resolve(refDir, '000_c409abf591b9595e.txt');
const facts = existsSync(factsPath) ? readFileSync(factsPath, 'utf8') : null;
const guide = existsSync(guidePath) ? readFileSync(guidePath, 'utf8') : null;

/** The part of `text` from `start` up to `end` (or its end): the section a table lives in. */
function between(text: string, start: string, end: string | null): string {
  const from = text.indexOf(start);
  if (from < 0) throw new Error(`reference: no "${start.trim()}" section`);
  const to = end === null ? -1 : text.indexOf(end, from);
  return text.slice(from, to < 0 ? undefined : to);
}

/** Each source the checks run on: the embedded copy, and the live reference when present. */
const sources: { name: string; facts: { models: string; media: string }; guide: { models: string; voices: string } }[] = [
  { name: 'embedded copy', ...EXCERPTS },
  ...(facts && guide ? [{
    name: 'reference files',
    facts: { models: between(facts, '## Models', '## Request rules'), media: between(facts, '## Media', '## Stream format') },
    guide: { models: between(guide, 'International (Singapore)\nCommercial models', 'Usage notes'), voices: between(guide, '\nVoice list', null) },
  }] : []),
];

const cells = (line: string): string[] => line.split('|').map((c) => c.trim());
const num = (s: string | undefined): number | null => {
  const m = /\d[\d,]*/.exec(s ?? '');
  return m ? Number(m[0].replaceAll(',', '')) : null;
};
const model = (id: string): ModelInfo => {
  const m = findModel(id);
  if (!m) throw new Error(`catalog lacks ${id}`);
  return m;
};
const flat = (s: string): string => s.replace(/\s+/g, ' ');

// ---- facts: Models table
interface FactsModel { id: string; alias: string | null; kind: string; thinking: boolean; ctx: number[]; maxInput: number | null; maxCot: number | null; maxOutput: number | null; voices: string }
function factsModels(text: string): FactsModel[] {
  const section = text.slice(text.indexOf('## Models'));
  return section.split('\n').filter((l) => l.startsWith('| `')).map((l) => {
    const c = cells(l).slice(1, -1);
    const ids = [...(c[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    return {
      id: ids[0]!, alias: ids[1] ?? null, kind: c[1]!, thinking: c[2] === 'yes',
      ctx: [...(c[3] ?? '').matchAll(/\d[\d,]*/g)].map((m) => Number(m[0].replaceAll(',', ''))),
      maxInput: num(c[4]), maxCot: num(c[5]), maxOutput: num(c[6]), voices: c[7]!,
    };
  });
}

/** "- 49 (2025-12-01): Cherry, ..., Jada (Shanghainese), ..." → [{ id, dialect }]. */
function factsVoiceList(text: string, count: number): { id: string; dialect: string | null }[] {
  const t = flat(text);
  const m = new RegExp(`- ${count} \\([^)]*\\): (.*?)\\.(?: -|$)`).exec(t);
  if (!m) throw new Error(`no ${count}-voice list`);
  return m[1]!.split(/, (?![^(]*\))/).map((item) => {
    const d = /^(.*?) \((.*)\)$/.exec(item);
    return d ? { id: d[1]!, dialect: d[2]! } : { id: item, dialect: null };
  });
}

// ---- guide: models tables (both regions) and voice tables
interface GuideModel { id: string; alias: string | null; thinkingCtx: number | null; nonThinkingCtx: number; maxInput: number; maxCot: number | null; maxOutput: number }
function guideModels(text: string): GuideModel[] {
  const lines = text.split('\n');
  const out: GuideModel[] = [];
  lines.forEach((l, i) => {
    if (!/^qwen[\w.-]* /.test(l) && !/^qwen[\w.-]* \|/.test(l)) return;
    const c = cells(l);
    const id = /^(qwen[\w.-]*)/.exec(l)![1]!;
    const alias = /Also known as (qwen[\w.-]*)/.exec(c[0]!)?.[1] ?? null;
    if (c[2] === 'Thinking') {
      const next = cells(lines[i + 1] ?? '');
      out.push({ id, alias, thinkingCtx: num(c[3])!, nonThinkingCtx: num(next[1])!, maxInput: num(c[4])!, maxCot: num(c[5]), maxOutput: num(c[6])! });
    } else {
      out.push({ id, alias, thinkingCtx: null, nonThinkingCtx: num(c[1])!, maxInput: num(c[2])!, maxCot: null, maxOutput: num(c[3])! });
    }
  });
  return out;
}

interface GuideVoice { label: string; id: string; description: string; languages: string[] }
function guideVoiceTables(text: string): Map<string, GuideVoice[]> {
  const tables = new Map<string, GuideVoice[]>();
  let current: GuideVoice[] | null = null;
  const start = (models: string[]): void => {
    current = [];
    for (const m of models) tables.set(m, current);
  };
  for (const line of text.slice(Math.max(0, text.search(/^Voice list$/m))).split('\n')) {
    if (line.endsWith('qwen3-omni-flash-2025-12-01')) start(['qwen3-omni-flash-2025-12-01']);
    else if (line === 'qwen3-omni-flash and qwen3-omni-flash-2025-09-15') start(['qwen3-omni-flash', 'qwen3-omni-flash-2025-09-15']);
    else if (line === 'Qwen-Omni-Turbo') start(['qwen-omni-turbo']);
    else if (line === 'Open-source Qwen-Omni models') start(['qwen2.5-omni-7b']);
    else {
      const c = cells(line);
      if (current && c.length >= 4 && c[0] && c[0] !== 'Voice name') {
        (current as GuideVoice[]).push({ label: c[0], id: c[1]!, description: c[2]!, languages: c[3]!.split(', ') });
      }
    }
  }
  return tables;
}

describe('the reference copies', () => {
  it.skipIf(!facts || !guide)('still match the reference files word for word', () => {
    for (const excerpt of [EXCERPTS.facts.models, EXCERPTS.facts.media]) expect(facts).toContain(excerpt);
    for (const excerpt of [EXCERPTS.guide.models, EXCERPTS.guide.voices]) expect(guide).toContain(excerpt);
  });
});

describe.each(sources)('the catalog against the $name', (src) => {
  it('holds exactly the models of the facts table, with their kind, aliases, thinking and token limits', () => {
    const rows = factsModels(src.facts.models);
    // The reference's models; the 2026 ones are checked against their own sources (live-catalog.test.ts).
    expect(rows.map((r) => r.id)).toEqual(REFERENCE_MODELS.map((m) => m.id));
    for (const r of rows) {
      const m = model(r.id);
      expect(m.aliases).toEqual(r.alias ? [r.alias] : []);
      expect(m.thinking, r.id).toBe(r.thinking);
      const kinds: Record<string, ModelInfo['kind']> = { stable: 'stable', snapshot: 'snapshot', 'no longer updated': 'legacy', 'open source': 'open-source' };
      expect(m.kind, r.id).toBe(kinds[r.kind]);
      if (r.ctx.length === 0) {
        // "not given in the guide": the app must not invent a limit.
        expect(m.limits).toBeNull();
        expect(m.thinkingLimits).toBeNull();
        continue;
      }
      const [thinkingCtx, plainCtx] = r.ctx.length === 2 ? r.ctx : [null, r.ctx[0]];
      expect(m.limits).toEqual({ contextWindow: plainCtx, maxInput: r.maxInput, maxOutput: r.maxOutput, maxReasoning: null });
      expect(m.thinkingLimits).toEqual(thinkingCtx === null ? null
        : { contextWindow: thinkingCtx, maxInput: r.maxInput, maxOutput: r.maxOutput, maxReasoning: r.maxCot });
    }
  });

  it('gives each model the voices the facts name, in order, dialect voices with their dialect', () => {
    const v49 = factsVoiceList(src.facts.models, 49);
    // The 17-voice list names the same voices without their dialects: those come from the 49.
    const v17 = factsVoiceList(src.facts.models, 17).map((x) => v49.find((y) => y.id === x.id) ?? x);
    expect(v49).toHaveLength(49);
    expect(v17).toHaveLength(17);
    for (const r of factsModels(src.facts.models)) {
      const expected = /49 voices/.test(r.voices) ? v49
        : /17/.test(r.voices) ? v17
          : r.voices.split(', ').map((id) => ({ id, dialect: null }));
      expect(model(r.id).voices.map((v) => ({ id: v.id, dialect: v.dialect })), r.id).toEqual(expected);
    }
  });

  it('speaks the output languages the facts list', () => {
    const t = flat(src.facts.models);
    const m = /Qwen3-Omni-Flash \(non-thinking\): (.*?)\. Qwen-Omni-Turbo: (.*?)\./.exec(t);
    expect(m).not.toBeNull();
    const flash = m![1]!.split(', ');
    const turbo = m![2]!.split(/, | and /);
    expect(flash).toHaveLength(10);
    for (const x of REFERENCE_MODELS.filter((x) => x.id.startsWith('qwen3-omni-flash'))) expect(x.outputLanguages).toEqual(flash);
    expect(model('qwen-omni-turbo').outputLanguages.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual(turbo);
  });

  it('has the media limits of the facts table for Flash and Turbo', () => {
    const rows = new Map(src.facts.media.split('\n').filter((l) => /^\| (image|audio|video)/.test(l)).map((l) => {
      const c = cells(l);
      return [c[1]!, { flash: c[3]!, turbo: c[4]! === 'same' ? c[3]! : c[4]! }];
    }));
    expect([...rows.keys()]).toEqual(['image', 'audio (one file)', 'video file (one)', 'video as image list']);
    const MB = 1024 * 1024;
    for (const [id, col] of [['qwen3-omni-flash', 'flash'], ['qwen-omni-turbo', 'turbo']] as const) {
      const media = model(id).media;
      const image = rows.get('image')![col];
      expect(media.imageMaxBytes).toBe(num(/≤ ([\d,]+) MB/.exec(image)?.[1])! * MB);
      expect(media.imageMinSidePx).toBe(num(/> ([\d,]+) px/.exec(image)?.[1])! + 1);
      expect(media.imageMaxAspect).toBe(num(/≤ ([\d,]+):1/.exec(image)?.[1]));
      const audio = rows.get('audio (one file)')![col];
      expect(media.audioMaxBytes).toBe(num(/≤ ([\d,]+) MB/.exec(audio)?.[1])! * MB);
      expect(media.audioMaxSeconds).toBe(num(/≤ ([\d,]+) min/.exec(audio)?.[1])! * 60);
      const video = rows.get('video file (one)')![col];
      expect(media.videoMaxBytes).toBe(num(/≤ ([\d,]+) MB/.exec(video)?.[1])! * MB);
      expect(media.videoMaxSeconds).toBe(num(/≤ ([\d,]+) s/.exec(video)?.[1]));
      const frames = /(\d+)–(\d+) images/.exec(rows.get('video as image list')![col])!;
      expect([media.videoFramesMin, media.videoFramesMax]).toEqual([Number(frames[1]), Number(frames[2])]);
    }
  });

  it('matches the guide\'s models tables in both regions', () => {
    const rows = guideModels(src.guide.models);
    // Two regions × (three Flash models + the open-source one).
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      const m = model(r.id);
      expect(m.aliases, r.id).toEqual(r.alias ? [r.alias] : []);
      expect(m.limits, r.id).toEqual({ contextWindow: r.nonThinkingCtx, maxInput: r.maxInput, maxOutput: r.maxOutput, maxReasoning: null });
      expect(m.thinkingLimits, r.id).toEqual(r.thinkingCtx === null ? null
        : { contextWindow: r.thinkingCtx, maxInput: r.maxInput, maxOutput: r.maxOutput, maxReasoning: r.maxCot });
    }
  });

  it('gives every voice the guide\'s name, description and languages for each model', () => {
    const tables = guideVoiceTables(src.guide.voices);
    expect([...tables.keys()].sort()).toEqual(REFERENCE_MODELS.map((m) => m.id).sort());
    for (const [id, rows] of tables) {
      const voices = model(id).voices.map((v) => ({ label: v.label, id: v.id, description: v.description, languages: [...v.languages] }));
      if (id === 'qwen2.5-omni-7b') {
        // The guide's open-source table shows only Ethan; the facts table (checked above) adds Chelsie.
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) expect(voices).toContainEqual(r);
      } else {
        expect(voices, id).toEqual(rows);
      }
    }
  });
});

describe('catalog lookups', () => {
  it('finds a model by its alias and knows which voices it accepts', () => {
    expect(findModel('qwen3-omni-flash-0915')?.id).toBe('qwen3-omni-flash-2025-09-15');
    expect(findModel('qwen3-omni-flash-0916')).toBeUndefined();
    expect(modelHasVoice('qwen3-omni-flash-2025-12-01', 'Momo')).toBe(true);
    expect(modelHasVoice('qwen-omni-turbo', 'Momo')).toBe(false);
    expect(modelHasVoice('qwen3-omni-flash-0915', 'Jada')).toBe(true);
    expect(modelHasVoice('qwen2.5-omni-7b', 'Cherry')).toBe(false);
  });

  it('keeps every model\'s voice ids unique and, when it speaks, Cherry or a first voice to fall back on', () => {
    for (const m of MODELS) {
      expect(new Set(m.voices.map((v) => v.id)).size, m.id).toBe(m.voices.length);
      if (m.audioOut) expect(m.voices.length, m.id).toBeGreaterThan(0);
      else expect(m.voices, m.id).toEqual([]);
    }
  });
});
