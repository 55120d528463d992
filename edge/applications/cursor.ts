/**
 * A list's cursor: opaque to callers (base64url of the last item's time and id), so paging can
 * change underneath without breaking them. Newest first, ties broken by id. The applications
 * list pages by creation time; the agent's conversation list by last activity.
 */
import { APPLICATION_ID_PATTERN } from '../../contracts/applications.js';
import { fromBase64Url, toBase64Url } from '../auth/secret-box.js';
import { Problem } from '../errors.js';

export interface Position {
  createdAt: number;
  id: string;
}

export const encodeCursor = (at: Position): string =>
  toBase64Url(new TextEncoder().encode(JSON.stringify([at.createdAt, at.id])));

/**
 * The position a cursor names; a 400 for anything this edge did not hand out (`idPattern`:
 * the ids the list holds).
 */
export function decodeCursor(cursor: string, idPattern = APPLICATION_ID_PATTERN): Position {
  const invalid = new Problem(400, 'invalid-cursor', 'The cursor is not one this list returned.');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
  } catch {
    throw invalid;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !Number.isSafeInteger(value[0]) ||
    typeof value[1] !== 'string' ||
    !idPattern.test(value[1])
  )
    throw invalid;
  return { createdAt: value[0] as number, id: value[1] };
}
