// Errors the core throws on purpose carry an ErrorInfo: a sentence for the user, never a stack trace.
import type { ErrorInfo, ErrorKind } from '../../shared/domain';

export class UserError extends Error {
  readonly info: ErrorInfo;
  constructor(kind: ErrorKind, message: string, extra: Partial<ErrorInfo> = {}) {
    super(message);
    this.name = 'UserError';
    this.info = { kind, message, httpStatus: null, code: null, requestId: null, serverMessage: null, ...extra };
  }
}

export function errorInfo(kind: ErrorKind, message: string, extra: Partial<ErrorInfo> = {}): ErrorInfo {
  return { kind, message, httpStatus: null, code: null, requestId: null, serverMessage: null, ...extra };
}
