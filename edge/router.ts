/**
 * The one way route modules make their sub-app: an OpenAPIHono whose validation failures
 * become problem+json (422 with every issue's JSON Pointer, expected and received).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { redactCredentials } from '../themes/redact.js';
import type { AppEnv } from './context.js';
import { problemResponse } from './errors.js';

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
  keys?: string[];
}

/** Unknown keys are named by count, never echoed: a caller may paste a secret as a key. */
function describeIssue(issue: Issue): { path: string; message: string; code: string } {
  // Record keys in the path and messages quoting input are redacted like every echo.
  const path = redactCredentials(pointer(issue.path));
  if (issue.code === 'unrecognized_keys') {
    const count = issue.keys?.length ?? 1;
    return {
      path,
      message: `${count} unknown key${count === 1 ? '' : 's'}; only documented keys are accepted`,
      code: issue.code,
    };
  }
  return {
    path,
    message: redactCredentials(issue.message),
    code: issue.code,
  };
}

const pointer = (path: PropertyKey[]) =>
  path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = (result.error as { issues: Issue[] }).issues;
      const target = (result as { target?: string }).target;
      // Bad path or query parameters are a malformed request; a bad body is unprocessable.
      const status = target === 'json' ? 422 : 400;
      return problemResponse(
        c,
        status,
        'validation-failed',
        'The request does not match the schema.',
        {
          errors: issues.map(describeIssue),
        },
      );
    },
  });
}
