/**
 * Onboarding applications. A customer's widget (token scoped `onboarding:write`) saves a draft
 * and submits once, idempotently (idempotency.ts); the bank's backend (secret key) lists,
 * reads, moves them through their lifecycle (contracts/applications.ts `TRANSITIONS`) and
 * exports them. Step data is personal: it is stored only encrypted under the tenant's data key
 * (auth/data-keys.ts), and never goes into the outbox, the audit log or a log line.
 */
import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import {
  type ApplicationReceipt,
  type ApplicationStatus,
  applicationDetailSchema,
  applicationExportQuerySchema,
  applicationExportSchema,
  applicationIdSchema,
  applicationListQuerySchema,
  applicationListSchema,
  applicationReceiptSchema,
  applicationScreeningSchema,
  applicationSummarySchema,
  canTransition,
  DOCUMENT_TYPES,
  type Draft,
  draftSchema,
  hitDecisionSchema,
  type Submission,
  savedDraftSchema,
  statusChangeSchema,
  submissionSchema,
  TRANSITIONS,
} from '../../contracts/applications.js';
import { documentIdSchema } from '../../contracts/onboarding.js';
import { productProblems } from '../../contracts/onboarding-products.js';
import { newId } from '../auth/credentials.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { storedProducts } from '../onboarding-products/routes.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { ApplicationFilter, IdempotencyClaim } from '../store/types.js';
import { toCsv } from './csv.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { customerOf, customerWrite, limitWrites } from './customer.js';
import {
  IDEMPOTENCY_TTL_MS,
  IN_FLIGHT_LEASE_MS,
  idempotencyKeyOf,
  refuseOrReplay,
  requestHash,
} from './idempotency.js';
import {
  applicationBinding,
  countsOf,
  draftBinding,
  EXPORT_COLUMNS,
  exportRow,
  openApplication,
  screeningBinding,
  summaryOf,
} from './records.js';
import { screeningListOf, screenSteps } from './screening.js';
import { applicationDocuments, checkDocuments, documentResponse } from './uploads.js';

/** How far in the future a consent time may lie (the customer's clock may run ahead). */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60 * 1000;

const widgetTags = ['Onboarding'];
const tags = ['Applications'];
const backendRead = requireSecret('applications:read');
const backendWrite = requireSecret('applications:write');
// Before the body is validated, so a request without a key is refused before anything else.
const requireIdempotencyKey = createMiddleware<AppEnv>(
  async function requireIdempotencyKey(c, next) {
    idempotencyKeyOf(c.req.header('idempotency-key'));
    await next();
  },
);
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .meta({ description: '1–255 visible ASCII characters, new for each submission.' }),
});
const idParam = z.object({ id: applicationIdSchema });

const putDraft = createRoute({
  method: 'put',
  path: '/draft',
  tags: widgetTags,
  security: bearer,
  middleware: [customerWrite] as const,
  request: { body: jsonBody(draftSchema) },
  responses: { 200: json(savedDraftSchema, 'The draft, saved'), ...problems },
});

const getDraft = createRoute({
  method: 'get',
  path: '/draft',
  tags: widgetTags,
  security: bearer,
  middleware: [customerWrite] as const,
  responses: {
    200: json(savedDraftSchema, 'The customer’s draft'),
    // Not a 404: a customer without a draft is the normal first visit, and a 4xx would log a
    // console error on every bank page that shows the form.
    204: { description: 'The customer has no draft' },
    ...problems,
  },
});

const postApplication = createRoute({
  method: 'post',
  path: '/',
  tags: widgetTags,
  security: bearer,
  middleware: [customerWrite, requireIdempotencyKey] as const,
  request: { headers: idempotencyHeaders, body: jsonBody(submissionSchema) },
  responses: {
    201: json(
      applicationReceiptSchema,
      'Submitted (a retry with the same key and body replays this answer for 24 h)',
    ),
    409: conflict,
    ...problems,
  },
});

const listApplications = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [backendRead] as const,
  request: { query: applicationListQuerySchema },
  responses: {
    200: json(applicationListSchema, 'A page of applications, newest first'),
    ...problems,
  },
});

const exportApplications = createRoute({
  method: 'get',
  path: '/export',
  tags,
  security: bearer,
  middleware: [backendRead] as const,
  request: { query: applicationExportQuerySchema },
  responses: {
    200: {
      description: 'Applications in full, newest first; the next page’s cursor in X-Next-Cursor',
      content: {
        'application/json': { schema: applicationExportSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems,
  },
});

const getApplication = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security: bearer,
  middleware: [backendRead] as const,
  request: { params: idParam },
  responses: {
    200: json(applicationDetailSchema, 'The application in full, with its documents’ metadata'),
    ...problems,
  },
});

const binary = z.string().meta({ format: 'binary' });
const getDocument = createRoute({
  method: 'get',
  path: '/{id}/documents/{docId}',
  tags,
  security: bearer,
  middleware: [backendRead] as const,
  request: { params: idParam.extend({ docId: documentIdSchema }) },
  responses: {
    200: {
      description: 'The document’s bytes, decrypted, as an attachment of its real type',
      content: Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, { schema: binary }])),
    },
    ...problems,
  },
});

const postStatus = createRoute({
  method: 'post',
  path: '/{id}/status',
  tags,
  security: bearer,
  middleware: [backendWrite] as const,
  request: { params: idParam, body: jsonBody(statusChangeSchema) },
  responses: {
    200: json(applicationSummarySchema, 'The application in its new status'),
    409: conflict,
    ...problems,
  },
});

const postHitDecision = createRoute({
  method: 'post',
  path: '/{id}/hits/{hitId}',
  tags,
  security: bearer,
  middleware: [backendWrite] as const,
  request: {
    params: idParam.extend({ hitId: z.string().regex(/^hit_\d{1,4}$/) }),
    body: jsonBody(hitDecisionSchema),
  },
  responses: {
    200: json(applicationScreeningSchema, 'The screening result with the decision recorded'),
    409: conflict,
    ...problems,
  },
});

function filterOf(query: z.infer<typeof applicationListQuerySchema>): ApplicationFilter {
  return {
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.createdFrom !== undefined ? { createdFrom: query.createdFrom } : {}),
    ...(query.createdTo !== undefined ? { createdTo: query.createdTo } : {}),
    ...(query.cursor !== undefined ? { after: decodeCursor(query.cursor) } : {}),
  };
}

const nextCursorOf = (page: { items: { createdAt: number; id: string }[]; more: boolean }) => {
  const last = page.items.at(-1);
  return page.more && last ? encodeCursor(last) : null;
};

function transitionRefused(from: ApplicationStatus, to: ApplicationStatus): Problem {
  const allowed = TRANSITIONS[from];
  const next = allowed.length > 0 ? allowed.join(', ') : 'nothing (it is final)';
  return new Problem(
    409,
    'transition-not-allowed',
    `An application in ${from} cannot move to ${to}; from ${from} it may move to ${next}.`,
    { extensions: { status: from, requested: to, allowed } },
  );
}

/**
 * The submission against the tenant's onboarding products: a product it offers, the optional
 * steps that product switches on (and no others), its required documents. 422 with a pointer
 * per problem; a tenant that configured no products takes any.
 */
async function checkProduct(
  store: Parameters<typeof storedProducts>[0],
  tenantId: string,
  submission: Submission,
): Promise<void> {
  const problems = productProblems(await storedProducts(store, tenantId), submission);
  if (problems.length > 0)
    throw new Problem(422, 'product-mismatch', 'The submission does not fit its product.', {
      extensions: {
        errors: problems.map((p) => ({ path: p.path, message: p.message, code: 'product' })),
      },
    });
}

/** Customers' drafts and submissions: called by `<gw-onboarding-form>` on a bank's page. */
export const onboardingModule = defineModule({
  prefix: '/v1/applications',
  embeddable: true,
  cors: 'tenant',
  routes: ({ dataKeys }) =>
    router()
      .openapi(putDraft, async (c) => {
        const tenant = tenantOf(c);
        const customer = customerOf(c);
        await limitWrites(c);
        const draft: Draft = c.req.valid('json');
        const updatedAt = c.get('deps').clock.now();
        const sealed = await dataKeys.seal(
          tenant.id,
          JSON.stringify(draft),
          draftBinding(tenant.id, customer),
        );
        await c
          .get('deps')
          .store.saveApplicationDraft({ tenantId: tenant.id, customer, sealed, updatedAt });
        c.header('Cache-Control', 'no-store');
        return c.json({ ...draft, updatedAt }, 200);
      })
      .openapi(getDraft, async (c) => {
        const tenant = tenantOf(c);
        const customer = customerOf(c);
        const stored = await c.get('deps').store.getApplicationDraft(tenant.id, customer);
        c.header('Cache-Control', 'no-store');
        if (!stored) return c.body(null, 204);
        const json = await dataKeys.open(
          tenant.id,
          stored.sealed,
          draftBinding(tenant.id, customer),
        );
        c.header('Cache-Control', 'no-store');
        return c.json({ ...draftSchema.parse(JSON.parse(json)), updatedAt: stored.updatedAt }, 200);
      })
      .openapi(postApplication, async (c) => {
        const { store, clock } = c.get('deps');
        const tenant = tenantOf(c);
        const customer = customerOf(c);
        await limitWrites(c);
        const submission = c.req.valid('json');
        const at = clock.now();
        if (Date.parse(submission.steps.declarations.consent.givenAt) > at + CONSENT_CLOCK_SKEW_MS)
          throw new Problem(422, 'invalid-consent', 'The consent time lies in the future.');
        const claim: IdempotencyClaim = {
          tenantId: tenant.id,
          customer,
          key: c.req.valid('header')['idempotency-key'],
          requestHash: await requestHash(submission, c.get('deps').sha256),
          claim: newId('clm'),
          at,
          leaseMs: IN_FLIGHT_LEASE_MS,
          ttlMs: IDEMPOTENCY_TTL_MS,
        };
        c.header('Cache-Control', 'no-store');
        const record = await store.claimIdempotencyKey(claim);
        if (record.claim !== claim.claim) {
          const replay = refuseOrReplay(record, claim.requestHash);
          const receipt = JSON.parse(replay.json) as ApplicationReceipt;
          c.header('Idempotent-Replayed', 'true');
          c.header('Location', `/v1/applications/${receipt.id}`);
          return c.json(receipt, replay.status as 201);
        }
        const documents = submission.steps.documents?.documents ?? [];
        try {
          // After the claim, so a replay answers as it did even once its documents are attached.
          await checkProduct(c.get('deps').store, tenant.id, submission);
          if (documents.length > 0) await checkDocuments(store, tenant.id, customer, documents, at);
          const id = newId('app');
          // Screened before it is written: a hit holds it for review in the same batch.
          const list = await screeningListOf(c.get('deps'), tenant.id);
          const screening = list ? screenSteps(submission.steps, list, at) : undefined;
          const status = screening && screening.hits.length > 0 ? 'needs_review' : 'submitted';
          const receipt: ApplicationReceipt = {
            id,
            status,
            product: submission.product,
            createdAt: at,
          };
          const sealed = await dataKeys.seal(
            tenant.id,
            JSON.stringify(submission.steps),
            applicationBinding(tenant.id, id),
          );
          const screeningSealed = screening
            ? await dataKeys.seal(
                tenant.id,
                JSON.stringify(screening),
                screeningBinding(tenant.id, id),
              )
            : null;
          const outcome = await store.submitApplication(
            claim,
            {
              id,
              tenantId: tenant.id,
              customer,
              product: submission.product,
              status,
              sealed,
              screeningSealed,
              counts: countsOf(submission.steps),
              createdAt: at,
              updatedAt: at,
              changeId: newId('chg'),
            },
            { status: 201, json: JSON.stringify(receipt) },
            [
              {
                id: newId('evt'),
                type: 'application.submitted',
                payload: { applicationId: id, status, product: submission.product, at },
              },
              // Ids and counts only: who matched stays sealed on the application.
              ...(screening
                ? [
                    {
                      id: newId('evt'),
                      type: 'application.screened' as const,
                      payload: { applicationId: id, status, hits: screening.hits.length, at },
                    },
                  ]
                : []),
            ],
            {
              tenantId: tenant.id,
              actor: actorOf(c),
              action: 'application.submitted',
              target: id,
              beforeHash: null,
              afterHash: null,
              details: {
                product: submission.product,
                ...(screening ? { screeningHits: screening.hits.length } : {}),
                ...(documents.length > 0 ? { documents: documents.length } : {}),
              },
            },
            documents.map((d) => d.id),
          );
          // A document was removed, expired or submitted with another key since it was checked.
          if (outcome === 'documents-unavailable') {
            await checkDocuments(store, tenant.id, customer, documents, at);
            throw new Problem(
              422,
              'invalid-documents',
              'A document was removed or submitted meanwhile; nothing was submitted.',
            );
          }
          // The lease ran out and a retry took the key over: that one answers, not this.
          if (outcome === 'claim-lost')
            throw new Problem(
              409,
              'idempotency-key-in-flight',
              'A newer request with this Idempotency-Key took over; retry shortly.',
              { headers: { 'Retry-After': '1' } },
            );
          c.header('Location', `/v1/applications/${id}`);
          return c.json(receipt, 201);
        } catch (error) {
          // Nothing was written: free the key at once rather than after the lease.
          await store.releaseIdempotencyKey(claim).catch(() => {});
          throw error;
        }
      }),
});

/** The bank's backend: list, read, change status, export (secret keys). */
export const applicationsModule = defineModule({
  prefix: '/v1/applications',
  embeddable: false,
  cors: 'none',
  routes: ({ dataKeys }) =>
    router()
      .openapi(listApplications, async (c) => {
        const query = c.req.valid('query');
        const page = await c
          .get('deps')
          .store.listApplications(tenantOf(c).id, filterOf(query), query.limit);
        c.header('Cache-Control', 'private, no-store');
        return c.json({ items: page.items.map(summaryOf), nextCursor: nextCursorOf(page) }, 200);
      })
      // Before `/{id}`, which would otherwise take "export" for an id.
      .openapi(exportApplications, async (c) => {
        const query = c.req.valid('query');
        const page = await c
          .get('deps')
          .store.listApplications(tenantOf(c).id, filterOf(query), query.limit);
        const items = await Promise.all(page.items.map((r) => openApplication(dataKeys, r)));
        const nextCursor = nextCursorOf(page);
        const headers: Record<string, string> = { 'Cache-Control': 'private, no-store' };
        if (nextCursor) headers['X-Next-Cursor'] = nextCursor;
        if (query.format === 'csv')
          return c.body(toCsv(EXPORT_COLUMNS, items.map(exportRow)), 200, {
            ...headers,
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="applications.csv"',
          });
        return c.json({ items, nextCursor }, 200, headers);
      })
      .openapi(getApplication, async (c) => {
        const tenant = tenantOf(c);
        const stored = await c.get('deps').store.getApplication(tenant.id, c.req.valid('param').id);
        if (!stored) throw new Problem(404, 'not-found', 'No application with this id.');
        const application = await openApplication(dataKeys, stored);
        // In the order the submission listed them.
        const documents = await applicationDocuments(
          c.get('deps'),
          dataKeys,
          tenant.id,
          stored.id,
          application.steps.documents?.documents.map((d) => d.id) ?? [],
        );
        c.header('Cache-Control', 'private, no-store');
        return c.json({ ...application, documents }, 200);
      })
      .openapi(getDocument, async (c) => {
        const { id, docId } = c.req.valid('param');
        const { bytes, headers } = await documentResponse(
          c.get('deps'),
          dataKeys,
          tenantOf(c).id,
          id,
          docId,
        );
        return c.body(bytes, 200, headers);
      })
      .openapi(postStatus, async (c) => {
        const { store, clock } = c.get('deps');
        const tenant = tenantOf(c);
        const { id } = c.req.valid('param');
        const to = c.req.valid('json').status;
        const current = await store.getApplication(tenant.id, id);
        if (!current) throw new Problem(404, 'not-found', 'No application with this id.');
        const from = current.status as ApplicationStatus;
        if (!canTransition(from, to)) throw transitionRefused(from, to);
        const changeId = newId('chg');
        const at = clock.now();
        const after = await store.changeApplicationStatus(
          { tenantId: tenant.id, id, from, to, changeId, at },
          {
            id: newId('evt'),
            type: 'application.status_changed',
            payload: { applicationId: id, from, to, at },
          },
          {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'application.status_changed',
            target: id,
            beforeHash: null,
            afterHash: null,
            details: { from, to },
          },
        );
        if (!after) throw new Problem(404, 'not-found', 'No application with this id.');
        // Another change landed between the read and this one: it won, this did nothing.
        if (after.changeId !== changeId) {
          const now = after.status as ApplicationStatus;
          throw new Problem(
            409,
            'status-changed',
            `The application’s status changed meanwhile to ${now}; nothing was changed.`,
            { extensions: { status: now, allowed: TRANSITIONS[now] } },
          );
        }
        return c.json(summaryOf(after), 200);
      })
      .openapi(postHitDecision, async (c) => {
        const { store, clock } = c.get('deps');
        const tenant = tenantOf(c);
        const { id, hitId } = c.req.valid('param');
        const { decision, note } = c.req.valid('json');
        const stored = await store.getApplication(tenant.id, id);
        if (!stored) throw new Problem(404, 'not-found', 'No application with this id.');
        if (!stored.screeningSealed)
          throw new Problem(404, 'not-found', 'This application was not screened.');
        const binding = screeningBinding(tenant.id, id);
        const screening = JSON.parse(
          await dataKeys.open(tenant.id, stored.screeningSealed, binding),
        ) as z.infer<typeof applicationScreeningSchema>;
        const hit = screening.hits.find((h) => h.id === hitId);
        if (!hit) throw new Problem(404, 'not-found', 'No hit with this id on the application.');
        if (hit.decision !== 'open')
          throw new Problem(409, 'hit-decided', `This hit was already ${hit.decision}.`, {
            extensions: { decision: hit.decision },
          });
        const at = clock.now();
        Object.assign(
          hit,
          { decision, decidedBy: actorOf(c), decidedAt: at },
          note ? { note } : {},
        );
        const written = await store.setApplicationScreening(
          tenant.id,
          id,
          stored.screeningSealed,
          await dataKeys.seal(tenant.id, JSON.stringify(screening), binding),
          at,
          {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: `screening.hit-${decision}`,
            target: `${id}/${hitId}`,
            beforeHash: null,
            afterHash: null,
            // The decision only: who matched stays sealed on the application.
            details: { hit: hitId, decision, list: hit.entry.list, reference: hit.entry.reference },
          },
        );
        if (!written)
          throw new Problem(
            409,
            'screening-changed',
            'Another decision landed meanwhile; reload and retry.',
          );
        return c.json(screening, 200);
      }),
});
