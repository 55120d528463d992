/**
 * The tenant's sanctions and PEP list, loaded through the API (`applications:write`): CSV or
 * JSON (name, aliases, date of birth, country, list name, reference) and the threshold a hit
 * must reach. Every submission is screened against it (edge/applications/screening.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { StoredScreeningList } from '../applications/screening.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import { DEFAULT_THRESHOLD, ListUploadError, parseListCsv, parseListJson } from './index.js';

/** What one tenant's list may hold: it is one stored document (D1 rows stay under 2 MB). */
export const MAX_STORED_ENTRIES = 5_000;
/** The upload's size: CSV of 5,000 entries with aliases fits. */
export const LIST_BODY_BYTES = 1_500_000;

const tags = ['Screening'];
const guard = requireSecret('applications:write');

const uploadSchema = z
  .strictObject({
    csv: z.string().optional().meta({
      description:
        'CSV with a header: name,aliases,dateOfBirth,country,list,reference (aliases separated by ";")',
    }),
    entries: z
      .array(z.unknown())
      .optional()
      .meta({ description: 'The same fields as JSON objects' }),
    threshold: z
      .number()
      .min(0.5)
      .max(1)
      .optional()
      .meta({
        description: `A hit's score at or above this holds the application (default ${DEFAULT_THRESHOLD})`,
      }),
  })
  .meta({ id: 'ScreeningListUpload' });

const summarySchema = z
  .object({
    entries: z.number().int(),
    lists: z.array(z.object({ name: z.string(), entries: z.number().int() })),
    threshold: z.number(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'ScreeningList' });

const putList = createRoute({
  method: 'put',
  path: '/list',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(uploadSchema) },
  responses: { 200: json(summarySchema, 'The list now screened against'), ...problems },
});

const getList = createRoute({
  method: 'get',
  path: '/list',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: { 200: json(summarySchema, 'The list screened against'), ...problems },
});

const summaryOf = (list: StoredScreeningList, updatedAt: number) => {
  const counts = new Map<string, number>();
  for (const entry of list.entries) counts.set(entry.list, (counts.get(entry.list) ?? 0) + 1);
  return {
    entries: list.entries.length,
    lists: [...counts].map(([name, entries]) => ({ name, entries })),
    threshold: list.threshold,
    updatedAt,
  };
};

const invalid = (problems: readonly string[]) =>
  new Problem(422, 'invalid-list', 'The list cannot be loaded.', {
    extensions: { problems: [...problems] },
  });

/** The sanctions and PEP list (`applications:write`). */
export const screeningModule = defineModule({
  prefix: '/v1/screening',
  embeddable: false,
  cors: 'none',
  maxBodyBytes: LIST_BODY_BYTES,
  routes: () =>
    router()
      .openapi(putList, async (c) => {
        const tenant = tenantOf(c);
        const body = c.req.valid('json');
        if ((body.csv === undefined) === (body.entries === undefined))
          throw invalid(['give the list as either "csv" or "entries"']);
        let entries: StoredScreeningList['entries'];
        try {
          entries =
            body.csv !== undefined
              ? parseListCsv(body.csv)
              : parseListJson(JSON.stringify(body.entries));
        } catch (error) {
          if (error instanceof ListUploadError) throw invalid(error.problems);
          throw error;
        }
        if (entries.length > MAX_STORED_ENTRIES)
          throw invalid([
            `the list has ${entries.length} entries; at most ${MAX_STORED_ENTRIES} are kept`,
          ]);
        const list: StoredScreeningList = {
          entries,
          threshold: body.threshold ?? DEFAULT_THRESHOLD,
        };
        const deps = c.get('deps');
        await deps.store.setDocument(tenant.id, 'screening-list', JSON.stringify(list), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'screening.list-replaced',
          target: 'screening-list',
          beforeHash: null,
          afterHash: null,
          details: { entries: entries.length, threshold: list.threshold },
        });
        const stored = await deps.store.getDocument(tenant.id, 'screening-list');
        return c.json(summaryOf(list, stored?.updatedAt ?? deps.clock.now()), 200);
      })
      .openapi(getList, async (c) => {
        const stored = await c.get('deps').store.getDocument(tenantOf(c).id, 'screening-list');
        if (!stored) throw new Problem(404, 'not-found', 'No list has been loaded yet.');
        return c.json(
          summaryOf(JSON.parse(stored.json) as StoredScreeningList, stored.updatedAt),
          200,
        );
      }),
});
