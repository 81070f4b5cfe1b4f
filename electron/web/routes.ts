// What a route of the browser shell is given: the request has already passed the token/Host/Origin checks
// (server.ts), so a handler only answers it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core-interface';
import type { AccessRules, AccessVerdict } from './access';

export interface RouteContext {
  core: Core;
  rules: AccessRules;
  staticDir: string;
  uploadDir: string | null;
  maxUploadBytes: number;
  log: (line: string) => void;
}

export interface Route {
  /** Says what was refused in the log line ("refused an upload: …"); `path` is below the token's folder. */
  what: (req: IncomingMessage, path: string) => string;
  matches: (method: string, path: string) => boolean;
  /** The page's own Origin header is required (requests that change something), not only allowed. */
  requireOrigin: boolean;
  /** `access.path`: the request's path below the token's folder, without the query. */
  handle: (req: IncomingMessage, res: ServerResponse, ctx: RouteContext, access: Extract<AccessVerdict, { ok: true }>) => Promise<void>;
}
