// English, the source dictionary: the feature files merged. Its keys type every other language and t().
import type { Translation } from '../messages';
import { attachments } from './attachments';
import { common } from './common';
import { composer } from './composer';
import { conversation } from './conversation';
import { errors } from './errors';
import { history } from './history';
import { keyring } from './keyring';
import { media } from './media';
import { layout } from './layout';
import { list } from './list';
import { search } from './search';
import { welcome } from './welcome';
import { live } from './live';
import { liveHistory } from './live-history';
import { recovery } from './recovery';
import { reply } from './reply';
import { settings } from './settings';
import { updates } from './updates';
import { voice } from './voice';

/** The feature files by name; a key must be in exactly one (test/renderer/i18n.test.ts). */
export const enGroups = { common, history, conversation, composer, attachments, media, voice, settings, updates, errors, keyring, recovery, reply, layout, welcome, list, search, live, liveHistory } as const;

export const en = {
  ...common, ...history, ...conversation, ...composer, ...attachments, ...media, ...voice, ...settings, ...updates, ...errors, ...keyring, ...recovery, ...reply, ...layout, ...welcome, ...list, ...search, ...live, ...liveHistory,
} as const;

export type MessageKey = keyof typeof en;
/** A whole language: every English key, a plural where English has one. */
export type Dictionary = Translation<typeof en>;
