// The export and recovery requests of a healthy core: export a reply's audio as a .wav (Electron: through
// the save dialog; the browser shell downloads replyWavFile instead), export a whole conversation
// (Electron: into a new folder inside one the user picks; the browser shell downloads conversationZip
// instead), and the recovery.* requests, which have nothing to do while the history is fine.
import type { Handlers } from '../core-interface';
import { UserError } from '../user-error';
import type { Store } from '../store/history-store';
import { buildConversationExport, conversationZip, writeExportFolder } from './conversation';
import { replyWavFile } from './reply-wav';

export interface ExportDeps {
  store: Store;
  dataDir: string;
  /** Electron's folder dialog (null when cancelled); absent in the browser shell. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** Electron's save dialog and write: where the file went, or null when cancelled; absent in the browser shell. */
  saveFile?: (suggestedName: string, bytes: Uint8Array) => Promise<string | null>;
  now: () => number;
}

type ExportRequests = 'reply.exportWav' | 'conversation.export' | 'recovery.status' | 'recovery.export' | 'recovery.startFresh';

export function createExportHandlers(d: ExportDeps): Pick<Handlers, ExportRequests> {
  const healthy = () => new UserError('invalid_input', 'Your history is fine: there is nothing to recover.');
  return {
    'reply.exportWav': async ({ messageId }) => {
      const { fileName, wav } = replyWavFile(d.store, messageId, d.dataDir);
      if (!d.saveFile) throw new UserError('invalid_input', 'Export WAV saves through the page here: use the Export WAV button on the reply.');
      return { saved: (await d.saveFile(fileName, wav)) !== null };
    },
    'conversation.export': async ({ id }) => {
      if (!d.chooseFolder) {
        throw new UserError('invalid_input', 'Here a conversation is exported through the page: use the Export conversation button.');
      }
      // Built first: a conversation that is gone is said before a dialog opens for nothing.
      const exp = await buildConversationExport(d.store, d.dataDir, id, d.now());
      const parent = await d.chooseFolder('Export conversation');
      if (!parent) return { saved: false };
      await writeExportFolder(exp, parent);
      return { saved: true };
    },
    'recovery.status': () => ({ needed: false, reason: null, fileName: null, detail: null }),
    'recovery.export': () => {
      throw healthy();
    },
    'recovery.startFresh': () => {
      throw healthy();
    },
  };
}

/** The browser shell's download: the export as one .zip. */
export async function conversationZipFile(d: ExportDeps, id: string): Promise<{ fileName: string; zip: Uint8Array<ArrayBuffer> }> {
  return conversationZip(await buildConversationExport(d.store, d.dataDir, id, d.now()), d.now());
}
