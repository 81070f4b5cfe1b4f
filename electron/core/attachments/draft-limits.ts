// What one draft may hold on this machine: a fixed number of attachments (each is a file on disk, a chip
// kept up to date and a place in the tool queue), and no copy of a file it refused.
import { rm } from 'node:fs/promises';
import { MAX_DRAFT_ATTACHMENTS } from '../../../shared/contract';
import { errorText } from '../../../shared/error-text';
import { UserError } from '../user-error';

/** Refuses a new attachment when the draft already holds the most it may (code draft_full, for the page's words). */
export function refuseWhenFull(held: number, name: string): void {
  if (held < MAX_DRAFT_ATTACHMENTS) return;
  throw new UserError('invalid_input',
    `A message can carry at most ${MAX_DRAFT_ATTACHMENTS} attachments, so “${name}” was not added. Send these first or remove some, then add it again.`,
    { code: 'draft_full' });
}

/** An upload's or a recording's copy that was refused takes room for nothing: it is deleted at once. */
export async function deleteRefusedCopy(path: string, log: (line: string) => void): Promise<void> {
  await rm(path, { force: true }).catch((err: unknown) => log(`could not delete a refused copy: ${errorText(err)}`));
}
