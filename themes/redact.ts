/**
 * One rule for what looks like a credential (API keys `sk_…`, `pk_…`, operator keys `op_…`,
 * JWTs `eyJ….…`), so no error message, echoed value or request id ever carries one back.
 * It matches anywhere in a string, not only at a word boundary: `"x_" + key` is still a key.
 * Pure and dependency-free, so the theme engine and the edge share it.
 */
const CREDENTIAL_LIKE = /(?:sk|pk|op)_[A-Za-z0-9_-]{6,}|eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)*/g;

/** `text` with every credential-shaped substring replaced by `[redacted]`. */
export function redactCredentials(text: string): string {
  return text.replace(CREDENTIAL_LIKE, '[redacted]');
}

/** Whether `text` holds anything shaped like a credential. */
export function looksLikeCredential(text: string): boolean {
  return redactCredentials(text) !== text;
}
