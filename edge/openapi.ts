/** Small helpers for route definitions: JSON bodies and the problem responses every route shares. */
import type { z } from 'zod';
import { problemSchema } from '../contracts/admin.js';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A problem+json response with its own description. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Problem responses common to authenticated routes. */
export const problems = {
  400: problem('Malformed request'),
  401: problem('Missing or invalid credential'),
  403: problem('Credential lacks the scope, origin or tenant for this route'),
  404: problem('Not found (or belongs to another tenant)'),
  413: problem('Body too large'),
  415: problem('Body is not application/json'),
  422: problem('Body does not match the schema'),
  429: problem('Rate limited; see Retry-After'),
} as const;

export const conflict = problem('Conflict with the current state');

export const bearer = [{ bearer: [] }];
