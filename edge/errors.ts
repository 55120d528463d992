/**
 * One error shape for every failure: RFC 9457 problem details. Handlers throw `Problem`s;
 * `renderError` (the app's onError) turns anything thrown into `application/problem+json`
 * without echoing secrets, tokens or PII.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from './deps.js';

export const PROBLEM_TYPE_BASE = 'https://docs.gridworks.example/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A request failure with a stable machine-readable `code` (the last part of `type`). */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    detail?: string,
    options: { extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? TITLES[status] ?? 'Error');
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function problemBody(
  status: number,
  code: string,
  detail: string | undefined,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...extensions,
  };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const body = problemBody(status, code, detail, {
    ...extensions,
    ...(requestId ? { requestId } : {}),
  });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** The app's `onError`: known problems as they are, anything else as a logged 500. */
export function renderError(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof Problem) {
      return problemResponse(
        c,
        error.status,
        error.code,
        error.message,
        error.extensions,
        error.headers,
      );
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const codes: Record<number, string> = {
        400: 'bad-request',
        401: 'unauthenticated',
        413: 'payload-too-large',
        415: 'unsupported-media-type',
      };
      const code = codes[status] ?? 'http-error';
      // HTTPException messages come from Hono's own middleware, never from request data.
      return problemResponse(c, status, code, error.message || undefined);
    }
    logger.error('unhandled-error', {
      requestId: c.get('requestId' as never),
      name: error.name,
      // Stack frames name code, not data; the message might hold data, so it is left out.
      stack: error.stack?.split('\n').slice(1, 6).join('\n'),
    });
    return problemResponse(c, 500, 'internal', 'The edge hit an unexpected error.');
  };
}
