// The draft's attachments (chips), in the order they were added. The main process prepares each one and
// reports its progress (attachment.updated); this keeps the window's copy, and fits the draft to the model
// the next turn goes to (attachments.target) whenever that model changes.
import type { AttachableFile, OmniBridge } from '../../shared/contract';
import { MAX_DRAFT_ATTACHMENTS } from '../../shared/defaults';
import type { AttachmentView } from '../../shared/domain';
import type { NoticesSlice } from './notices';
import type { StateCell } from './observable-state';

export interface AttachmentsState {
  attachments: AttachmentView[];
}

export const initialAttachments: AttachmentsState = { attachments: [] };

export class AttachmentsSlice {
  /** Ids removed or sent here: a late update for one of them must not bring its chip back. */
  private readonly gone = new Set<string>();
  /** The model the draft is fitted for, as last told to the core. */
  private targetModel: string | null = null;

  constructor(
    private readonly cell: StateCell<AttachmentsState>,
    private readonly bridge: OmniBridge,
    private readonly notices: NoticesSlice,
  ) {}

  /** Chips added before a reload are still waiting in the main process. */
  async loadWaiting(): Promise<void> {
    const waiting = await this.bridge.invoke('attachments.list', {}).catch(() => []);
    for (const a of waiting) this.updated(a);
  }

  /** A chip's new state (attachment.updated, or the answer to adding it). */
  updated(a: AttachmentView): void {
    if (this.gone.has(a.id)) return;
    const list = this.cell.get().attachments;
    const i = list.findIndex((x) => x.id === a.id);
    this.cell.set({ attachments: i < 0 ? [...list, a] : list.map((x) => (x.id === a.id ? a : x)) });
  }

  /** Dropped or picked files; each becomes a chip. Only a failure to hand them over becomes a notice. */
  async addFiles(files: readonly AttachableFile[]): Promise<void> {
    if (files.length === 0) return;
    // The core holds a draft to MAX_DRAFT_ATTACHMENTS; what would not fit is not even sent over.
    const room = Math.max(0, MAX_DRAFT_ATTACHMENTS - this.cell.get().attachments.length);
    if (files.length > room) {
      const left = files.length - room;
      this.notices.notify({
        kind: 'invalid_input', code: 'draft_full', httpStatus: null, requestId: null, serverMessage: null,
        message: `A message can carry at most ${MAX_DRAFT_ATTACHMENTS} attachments, so ${left === 1 ? '1 file was' : `${left} files were`} not added. Send these first or remove some, then add more.`,
      });
      files = files.slice(0, room);
      if (files.length === 0) return;
    }
    try {
      await this.bridge.attachFiles(files);
    } catch (err) {
      this.notices.report(err);
    }
  }

  /** A pasted http(s) link to a picture, recording or video. */
  async addUrl(url: string): Promise<void> {
    try {
      this.updated(await this.bridge.invoke('attachments.addUrl', { url }));
    } catch (err) {
      this.notices.report(err);
    }
  }

  /** A recording made in this window; its chip arrives with attachment.updated. Rejects when it was refused. */
  addRecording(name: string, mimeType: string, bytes: Uint8Array<ArrayBuffer>): Promise<AttachmentView> {
    return this.bridge.invoke('attachments.addRecording', { name, mimeType, bytes });
  }

  async remove(id: string): Promise<void> {
    this.gone.add(id);
    this.cell.set({ attachments: this.cell.get().attachments.filter((a) => a.id !== id) });
    try {
      await this.bridge.invoke('attachments.remove', { id });
    } catch (err) {
      this.notices.report(err);
    }
  }

  async setOptions(id: string, opts: { videoMode?: 'file' | 'frames'; windowStartSec?: number; maxTokens?: number | null }): Promise<void> {
    try {
      this.updated(await this.bridge.invoke('attachments.setOptions', { id, ...opts }));
    } catch (err) {
      this.notices.report(err);
    }
  }

  /** The core took these with a turn: they leave the draft for good. */
  sent(ids: readonly string[]): void {
    for (const id of ids) this.gone.add(id);
    this.cell.set({ attachments: this.cell.get().attachments.filter((a) => !ids.includes(a.id)) });
  }

  /** Fit the draft to this model; the core is asked only when it differs from the last one. */
  fitTo(model: string): void {
    if (model === this.targetModel) return;
    this.targetModel = model;
    void this.bridge.invoke('attachments.target', { model }).catch(this.notices.report);
  }
}
