// Why the microphone could not be used, from what getUserMedia or MediaRecorder threw: each case gets
// its own sentence in the composer (what happened, what to do), and typing always still works.
import { errorText } from '../../shared/error-text';

export type MicProblem = 'no-device' | 'denied' | 'busy' | 'unsupported' | 'failed';

export class MicError extends Error {
  constructor(readonly problem: MicProblem, readonly detail: string) {
    super(detail);
    this.name = 'MicError';
  }
}

export function micProblemOf(err: unknown): MicError {
  if (err instanceof MicError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  const detail = errorText(err);
  switch (name) {
    // No input device at all, or none that can capture audio.
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new MicError('no-device', detail);
    // The user, the browser or the app's permission handler said no.
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new MicError('denied', detail);
    // The device exists but the system would not open it (another program holds it, a driver failed).
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new MicError('busy', detail);
    default:
      return new MicError('failed', detail);
  }
}
