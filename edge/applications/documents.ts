/**
 * Documents for onboarding applications. The customer's widget uploads each file on its own
 * (`POST /v1/applications/documents`, the raw bytes) before submitting, and lists the ids in
 * the submission's `documents` step; the submission attaches them in its own batch. The bytes
 * are judged by content alone — the declared Content-Type and the file name decide nothing —
 * PDFs go through the triage of `pdf-check.ts`, and what is kept is sealed under the tenant's
 * data key, bound to the tenant, the customer and the upload. An upload never attached is
 * purged after 24 hours (`purgeUploads` in `uploads.ts`, run by the maintenance round).
 *
 * A module of its own beside `onboardingModule` (same guard, CORS and rate limit): the body
 * limit and the body's type are declared per module, and only this one takes 10 MiB of bytes.
 */
import { createRoute } from '@hono/zod-openapi';
import { fileTypeFromBuffer } from 'file-type/core';
import { z } from 'zod';
import {
  DOCUMENT_TYPES,
  documentUploadQuerySchema,
  MAX_DOCUMENT_BYTES,
  type UploadedDocument,
  uploadedDocumentSchema,
} from '../../contracts/applications.js';
import { documentIdSchema } from '../../contracts/onboarding.js';
import { newId } from '../auth/credentials.js';
import { Problem } from '../errors.js';
import { tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, problem, problems } from '../openapi.js';
import { router } from '../router.js';
import type { UploadRecord } from '../store/types.js';
import { customerOf, customerWrite, limitWrites } from './customer.js';
import { checkPdf } from './pdf-check.js';
import { uploadBinding, uploadBlobKey, uploadNameBinding } from './records.js';
import {
  fileNameOf,
  MAX_PENDING_UPLOADS,
  readDocument,
  removeUploads,
  toHex,
  UPLOAD_TTL_MS,
} from './uploads.js';

const tags = ['Onboarding'];
const binary = z.string().meta({ format: 'binary' });

const postDocument = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearer,
  middleware: [customerWrite] as const,
  request: {
    query: documentUploadQuerySchema,
    headers: z.object({
      'x-file-name': z.string().optional().meta({
        description:
          'The file’s name, percent-encoded UTF-8 (display only; at most 200 characters).',
      }),
    }),
    body: {
      required: true,
      description: `The file’s bytes, at most ${MAX_DOCUMENT_BYTES} (any Content-Type: the type is read from the bytes). PDF, PNG or JPEG.`,
      content: { 'application/octet-stream': { schema: binary } },
    },
  },
  responses: {
    201: json(uploadedDocumentSchema, 'Stored, for a submission within 24 h to attach'),
    409: problem('The customer holds 40 uploads not yet submitted (`too-many-uploads`)'),
    ...problems,
    400: problem('An empty body, an unknown kind or a malformed X-File-Name'),
    413: problem('Larger than 10 MiB (`document-too-large`)'),
    415: problem('Not a PDF, PNG or JPEG by its content (`unsupported-document-type`)'),
    422: problem(
      'A PDF that runs code (`pdf-javascript`), is encrypted (`pdf-encrypted`) or cannot be read to the end (`pdf-unscannable`)',
    ),
  },
});

const deleteDocument = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  security: bearer,
  middleware: [customerWrite] as const,
  request: { params: z.object({ id: documentIdSchema }) },
  responses: {
    204: { description: 'Removed' },
    409: problem('Part of a submitted application (`document-submitted`)'),
    ...problems,
  },
});

/** Uploads of the customer's widget (a token with `onboarding:write`). */
export const onboardingDocumentsModule = defineModule({
  prefix: '/v1/applications/documents',
  embeddable: true,
  cors: 'tenant',
  maxBodyBytes: MAX_DOCUMENT_BYTES,
  tooLarge: {
    code: 'document-too-large',
    detail: `Documents are limited to ${MAX_DOCUMENT_BYTES} bytes.`,
  },
  body: 'bytes',
  routes: ({ dataKeys }) =>
    router()
      .openapi(postDocument, async (c) => {
        const { store, blobs, clock } = c.get('deps');
        const tenant = tenantOf(c);
        const customer = customerOf(c);
        await limitWrites(c);
        const { kind } = c.req.valid('query');
        const name = fileNameOf(c.req.header('x-file-name'));
        const bytes = await readDocument(c.req.raw);
        const detected = await fileTypeFromBuffer(bytes);
        const type = DOCUMENT_TYPES.find((t) => t === detected?.mime);
        if (!type)
          throw new Problem(
            415,
            'unsupported-document-type',
            `Documents must be PDF, PNG or JPEG; this file is ${detected ? detected.mime : 'of no type recognised'}.`,
            { extensions: { detected: detected?.mime ?? null, allowed: [...DOCUMENT_TYPES] } },
          );
        if (type === 'application/pdf') {
          const verdict = await checkPdf(bytes);
          if (!verdict.ok) throw new Problem(422, verdict.problem, verdict.reason);
        }
        const id = newId('doc');
        const at = clock.now();
        const record: UploadRecord = {
          id,
          tenantId: tenant.id,
          customer,
          kind,
          nameSealed: name
            ? await dataKeys.seal(tenant.id, name, uploadNameBinding(tenant.id, customer, id))
            : null,
          type,
          size: bytes.byteLength,
          sha256: toHex(await crypto.subtle.digest('SHA-256', bytes)),
          state: 'uploaded',
          applicationId: null,
          createdAt: at,
          expiresAt: at + UPLOAD_TTL_MS,
        };
        const sealed = await dataKeys.sealBytes(
          tenant.id,
          bytes,
          uploadBinding(tenant.id, customer, id),
        );
        // The row first: bytes whose row never made it would be kept for nobody.
        if (!(await store.addUpload(record, MAX_PENDING_UPLOADS)))
          throw new Problem(
            409,
            'too-many-uploads',
            `A customer may hold ${MAX_PENDING_UPLOADS} documents not yet submitted; remove one or submit first.`,
          );
        try {
          await blobs.put(uploadBlobKey(tenant.id, id), sealed);
        } catch (error) {
          // Marked for removal: the purge deletes the row (and any bytes that did arrive).
          await store.markUploadRemoved(tenant.id, customer, id).catch(() => {});
          throw error;
        }
        const answer: UploadedDocument = {
          id,
          kind,
          name,
          type,
          size: record.size,
          sha256: record.sha256,
        };
        c.header('Cache-Control', 'no-store');
        return c.json(answer, 201);
      })
      .openapi(deleteDocument, async (c) => {
        const deps = c.get('deps');
        const tenant = tenantOf(c);
        const customer = customerOf(c);
        await limitWrites(c);
        const { id } = c.req.valid('param');
        const notFound = () => new Problem(404, 'not-found', 'No document with this id.');
        const submitted = () =>
          new Problem(
            409,
            'document-submitted',
            'This document is part of a submitted application and stays with it.',
          );
        const [upload] = await deps.store.getUploads(tenant.id, [id]);
        // Another customer's upload is no more visible than another tenant's.
        if (!upload || upload.customer !== customer || upload.state === 'removing')
          throw notFound();
        if (upload.state === 'attached') throw submitted();
        if (!(await deps.store.markUploadRemoved(tenant.id, customer, id))) {
          const [now] = await deps.store.getUploads(tenant.id, [id]);
          throw now?.state === 'attached' ? submitted() : notFound();
        }
        await removeUploads(deps, [upload]);
        return c.body(null, 204);
      }),
});
