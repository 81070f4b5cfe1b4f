// What leaves the app as files: a reply's audio as a .wav, a live voice session as one .wav, a whole
// conversation (Markdown, media, one WAV of all replies). Electron asks where (a save dialog, a folder); the browser shell downloads. Failures become
// the window's notice.
import type { OmniBridge } from '../../shared/contract';
import type { NoticesSlice } from './notices';

export class ExportsSlice {
  constructor(private readonly bridge: OmniBridge, private readonly notices: NoticesSlice) {}

  async replyWav(messageId: string): Promise<void> {
    try {
      await this.bridge.invoke('reply.exportWav', { messageId });
    } catch (err) {
      this.notices.report(err);
    }
  }

  /** A whole live voice session as one WAV (every spoken turn and reply in order). */
  async liveSession(sessionId: string): Promise<void> {
    try {
      await this.bridge.invoke('live.exportWav', { sessionId });
    } catch (err) {
      this.notices.report(err);
    }
  }

  async conversation(id: string): Promise<void> {
    try {
      await this.bridge.invoke('conversation.export', { id });
    } catch (err) {
      this.notices.report(err);
    }
  }
}
