import { randomBytes } from 'node:crypto';

/** 16 URL-safe characters (96 random bits): matches shared/domain.ts Id and fits in a URL or a file name. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
