// The loop both shells share: for a contract request, validate the input against its schema, call the
// core, and turn every failure into an ErrorInfo the user can read. The Electron IPC adapter and the
// browser shell's WebSocket adapter both call this, so testing one tests the other's logic too.
import { isRequestName, requests, type Reply, type RequestName } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/domain';
import { errorInfo, UserError } from './user-error';
import type { Handlers } from './core-interface';
import { errorText } from '../../shared/error-text';

export interface DispatchLog {
  (message: string): void;
}

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  log: DispatchLog = () => {},
): Promise<Reply<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: errorInfo('invalid_input', 'Unknown request.') };
  }
  const parsed = requests[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? ` (${first.path.join('.')})` : '';
    return {
      ok: false,
      error: errorInfo('invalid_input', `${first?.message ?? 'Invalid input'}${where}`),
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorInfo(name, err, log) };
  }
}

function toErrorInfo(name: RequestName, err: unknown, log: DispatchLog): ErrorInfo {
  if (err instanceof UserError) return err.info;
  // Unexpected: log the name and message only (never inputs, which may hold a key).
  const message = errorText(err);
  log(`request ${name} failed: ${message}`);
  return errorInfo('internal', `Something went wrong (${name}): ${message}. Try again; if it keeps happening, restart the app.`);
}
