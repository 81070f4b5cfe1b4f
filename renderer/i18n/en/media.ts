// English for what the core says of media (shared/media-notes.ts): every refusal and every note of what will
// be done to a file, worded from its code and parameters, and the few words inside them. The templates are
// the core's own, so the two say the same thing; other languages translate these keys.
import { MEDIA_TEXT_EN, MEDIA_WORDS_EN } from '../../../shared/media-note-text';

export const media = {
  ...MEDIA_TEXT_EN,
  ...MEDIA_WORDS_EN,
} as const;
