// The error a bridge call rejects with, in a module of its own without zod (see defaults.ts for why):
// the renderer's first load constructs and tests for it.
import type { ErrorInfo } from './domain';

export class BridgeError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'BridgeError';
  }
}
