// Simplified Chinese: the feature files merged. Each is typed by its English file, so every key is here.
import type { Dictionary } from '../en';
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

export const zhCN: Dictionary = {
  ...common, ...history, ...conversation, ...composer, ...attachments, ...media, ...voice, ...settings, ...updates, ...errors, ...keyring, ...recovery, ...reply, ...layout, ...welcome, ...list, ...search, ...live, ...liveHistory,
};
