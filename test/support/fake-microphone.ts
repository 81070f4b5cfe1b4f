// Chromium's fake microphone for the end-to-end tests: it plays <dir>/mic.wav, looped, as what the user says,
// with no permission prompt. One place for the flags the voice and live voice tests and screenshots share.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { speechWav } from '../core/attachments/recording-audio';

/** Chromium's flags for a fake microphone playing `<dir>/mic.wav`, granted without asking. */
export function fakeMicrophoneArgs(dir: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${join(dir, 'mic.wav')}`];
}

/**
 * The harness options for a microphone that says `text` (espeak-ng), then stays quiet for `pauseSec`: long
 * enough that the looping file does not say it again while the test still listens.
 */
export function spokenMicrophone(text: string, pauseSec: number) {
  return { prepare: (dir: string) => speechWav(dir, 'mic', text, pauseSec), chromiumArgs: fakeMicrophoneArgs };
}

/** A message of the open conversation by its role and (part of) its text. */
export const messageArticle = (page: Page, role: 'User' | 'Assistant', text: string) =>
  page.getByRole('article', { name: `${role} message` }).filter({ hasText: text });
