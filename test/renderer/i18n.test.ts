// The interface's words: plurals chosen by Intl.PluralRules in each language, counts in the language's
// number format, every English key present once, and the dates and sizes of i18n/format.ts.
import { describe, expect, it } from 'vitest';
import { en, enGroups } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { describeError, translator } from '../../renderer/i18n/translate';
import { isPlural } from '../../renderer/i18n/messages';
import { formatBytes, formatRelativeTime } from '../../renderer/i18n/format';
import { VOICES_49 } from '../../shared/catalog';
import { voiceDescription, voiceDescriptionsZh } from '../../renderer/i18n/zh-CN/voice-descriptions';

describe('plurals', () => {
  it('English says one conversation and 0, 2 or 1,234 conversations', () => {
    const t = translator('en');
    expect(t('browse.count', { count: 1 })).toBe('1 conversation');
    expect(t('browse.count', { count: 0 })).toBe('0 conversations');
    expect(t('browse.count', { count: 2 })).toBe('2 conversations');
    expect(t('browse.count', { count: 1234 })).toBe('1,234 conversations');
    expect(t('safety.exported', { count: 1 })).toBe('1 conversation was saved as a Markdown file.');
    expect(t('safety.exported', { count: 3 })).toBe('3 conversations were saved as Markdown files.');
  });

  it('Chinese has one form for every count, with the count in its own number format', () => {
    const t = translator('zh-CN');
    expect(t('browse.count', { count: 1 })).toBe('1 个对话');
    expect(t('browse.count', { count: 2 })).toBe('2 个对话');
    expect(t('browse.count', { count: 12345 })).toBe('12,345 个对话');
    expect(t('safety.exported', { count: 1 })).toBe('已将 1 个对话保存为 Markdown 文件。');
  });

  it('a plural without a count falls back to its other form, placeholders left as written', () => {
    expect(translator('en')('browse.count')).toBe('{count} conversations');
  });

  it('Chinese gives a plural wherever English has one, and nothing English lacks', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(isPlural(zhCN[key]), key).toBe(isPlural(en[key]));
      if (isPlural(zhCN[key])) expect((zhCN[key] as { other: string }).other.length).toBeGreaterThan(0);
    }
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('the dictionaries split by feature', () => {
  it('each key lives in exactly one feature file', () => {
    const seen = new Map<string, string>();
    for (const [group, messages] of Object.entries(enGroups)) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} is in ${group} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, group);
      }
    }
    expect(seen.size).toBe(Object.keys(en).length);
  });

  it('plain messages still fill their parameters, in both languages', () => {
    expect(translator('en')('status.failed', { reason: 'no key' })).toBe('Failed: no key');
    expect(translator('zh-CN')('search.failed', { reason: '超时' })).toBe('搜索失败：超时');
  });
});

describe('voices', () => {
  it('every voice of the catalog has its description in Chinese', () => {
    for (const v of VOICES_49) {
      expect(voiceDescriptionsZh[v.id], v.id).toMatch(/\p{Script=Han}/u);
      expect(voiceDescription(v.id, v.description, 'en')).toBe(v.description);
      expect(voiceDescription(v.id, v.description, 'zh-CN')).toBe(voiceDescriptionsZh[v.id]);
    }
  });
});

describe('format', () => {
  const now = new Date(2025, 2, 14, 15, 0, 0).getTime(); // Friday 14 March 2025, 15:00 local time
  const at = (d: number, h = 12, m = 0) => new Date(2025, 2, d, h, m).getTime();

  it('says how long ago in words, by the calendar for days', () => {
    expect(formatRelativeTime(now - 10_000, 'en', now)).toBe('now');
    expect(formatRelativeTime(now - 5 * 60_000, 'en', now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 3 * 3600_000, 'en', now)).toBe('3 hours ago');
    expect(formatRelativeTime(at(13, 22), 'en', now)).toBe('yesterday');
    expect(formatRelativeTime(at(11), 'en', now)).toBe('3 days ago');
    expect(formatRelativeTime(at(3), 'en', now)).toBe('last week');
    expect(formatRelativeTime(new Date(2024, 11, 20).getTime(), 'en', now)).toBe('3 months ago');
    expect(formatRelativeTime(new Date(2023, 1, 1).getTime(), 'en', now)).toBe('2 years ago');
    expect(formatRelativeTime(at(13, 22), 'zh-CN', now)).toBe('昨天');
    expect(formatRelativeTime(now - 5 * 60_000, 'zh-CN', now)).toBe('5分钟前');
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes(820, 'en')).toBe('820 bytes');
    expect(formatBytes(820, 'zh-CN')).toBe('820字节');
    expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
    expect(formatBytes(35_000, 'zh-CN')).toBe('35 kB');
  });
});

describe('a full disk, in both languages', () => {
  it('names the folder and says what could not be written and what to do', async () => {
    const { diskFullInfo } = await import('../../electron/core/disk-full');
    const { describeError } = await import('../../renderer/i18n/translate');
    const folder = '/home/me/.config/Omni Desk';
    for (const when of ['send', 'reply', 'write'] as const) {
      const info = diskFullInfo(folder, when);
      expect(describeError(info, 'en', translator('en'))).toBe(info.message);
      const zh = describeError(info, 'zh-CN', translator('zh-CN'));
      expect(zh, when).toContain(folder);
      expect(zh, when).toMatch(/磁盘.*已满/);
      expect(zh, when).toMatch(/清理/);
    }
    expect(describeError(diskFullInfo(folder, 'send'), 'zh-CN', translator('zh-CN'))).toMatch(/没有发送/);
    expect(describeError(diskFullInfo(folder, 'reply'), 'zh-CN', translator('zh-CN'))).toMatch(/回复已停止/);
  });

  it('a file being prepared: the chip says the disk is full, not that the file is damaged', async () => {
    const { diskFullWhilePreparing } = await import('../../electron/core/media/messages');
    const { wordNote } = await import('../../renderer/i18n/translate');
    const n = diskFullWhilePreparing('/tmp/uploads/scan.tif').info.note!;
    expect(wordNote(n, 'en', translator('en'))).toBe('Preparing “scan.tif” stopped: the disk that holds Omni Desk\'s data is full. Free some space on that disk, then remove it and attach it again.');
    expect(wordNote(n, 'zh-CN', translator('zh-CN'))).toBe('处理“scan.tif”时停止：存放 Omni Desk 数据的磁盘已满。请清理该磁盘上的空间，然后移除它并重新添加。');
  });
});

describe('a full draft, in both languages', () => {
  it('says how many attachments a message carries', async () => {
    const { describeError } = await import('../../renderer/i18n/translate');
    const info = { kind: 'invalid_input' as const, code: 'draft_full', message: 'A message can carry at most 20 attachments, so “x.png” was not added.', httpStatus: null, requestId: null, serverMessage: null };
    expect(describeError(info, 'en', translator('en'))).toBe(info.message);
    expect(describeError(info, 'zh-CN', translator('zh-CN'))).toBe('一条消息最多可带 20 个附件。请先发送这些附件或移除一些，然后再添加。');
  });
});

describe('a saved key the keyring would not give back', () => {
  const failure = (code: string, kind: 'internal' | 'no_key') => ({
    kind, code, message: `English from the core (${code})`, httpStatus: null, requestId: null, serverMessage: null,
  });

  it('is explained by its code in Chinese, not as an internal error or a missing key; English keeps the core\'s sentence', () => {
    const zh = translator('zh-CN');
    expect(describeError(failure('keyring_unavailable', 'internal'), 'zh-CN', zh)).toBe(zh('error.keyringUnavailable'));
    expect(describeError(failure('keyring_unavailable', 'internal'), 'zh-CN', zh)).not.toBe(zh('error.internal'));
    expect(zh('error.keyringUnavailable')).toMatch(/密钥环.*仍然保留/);
    expect(describeError(failure('key_unreadable', 'no_key'), 'zh-CN', zh)).toBe(zh('error.keyUnreadable'));
    expect(describeError(failure('key_unreadable', 'no_key'), 'zh-CN', zh)).not.toBe(zh('error.no_key'));
    expect(describeError(failure('keyring_unavailable', 'internal'), 'en', translator('en'))).toBe('English from the core (keyring_unavailable)');
  });
});
