// What a thrown value says, for a log line or a sentence. Anything may be thrown in JavaScript, not only Errors.
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
