/**
 * The applications API: what a customer's widget submits and saves as a draft, and what the
 * bank's backend lists, reads, moves through its lifecycle and exports. The lifecycle rule is
 * here too, so the widget, the edge and the docs name the same transitions. Imports only zod
 * and other contracts.
 */
import { z } from 'zod';
import {
  DOCUMENT_KINDS,
  documentIdSchema,
  documentKindSchema,
  draftStepsSchema,
  ONBOARDING_STEPS,
  onboardingStepsSchema,
} from './onboarding.js';
import { displayText, idSchema } from './primitives.js';

export const APPLICATION_STATUSES = [
  'submitted',
  'needs_review',
  'in_review',
  'approved',
  'rejected',
  'needs_info',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Which status may follow which; approved and rejected are final. */
export const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  submitted: ['needs_review', 'in_review'],
  needs_review: ['in_review'],
  in_review: ['approved', 'rejected', 'needs_info'],
  needs_info: ['in_review'],
  approved: [],
  rejected: [],
};

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  TRANSITIONS[from].includes(to);

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);

export const APPLICATION_ID_PATTERN = /^app_[A-Za-z0-9]{20}$/;
export const applicationIdSchema = z.string().regex(APPLICATION_ID_PATTERN, 'an application id');

/** `Idempotency-Key`: 1–255 visible ASCII characters, chosen by the client per submission. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

export const submissionSchema = z
  .strictObject({
    product: idSchema.meta({ description: 'The tenant’s onboarding product applied for.' }),
    steps: onboardingStepsSchema,
  })
  .meta({ id: 'ApplicationSubmission' });
export type Submission = z.infer<typeof submissionSchema>;

/** What a submission answers (and replays for 24 h): no personal data. */
export const applicationReceiptSchema = z
  .object({
    id: z.string(),
    status: applicationStatusSchema,
    product: z.string(),
    createdAt: z.number().int(),
  })
  .meta({ id: 'ApplicationReceipt' });
export type ApplicationReceipt = z.infer<typeof applicationReceiptSchema>;

export const draftSchema = z
  .strictObject({
    product: idSchema.optional(),
    /** Where the customer stopped, to resume there. */
    step: z.enum([...ONBOARDING_STEPS, 'review']).optional(),
    steps: draftStepsSchema,
  })
  .meta({ id: 'ApplicationDraft' });
export type Draft = z.infer<typeof draftSchema>;

export const savedDraftSchema = draftSchema
  .extend({ updatedAt: z.number().int() })
  .meta({ id: 'SavedApplicationDraft' });

export const applicationCountsSchema = z.object({
  signatories: z.number().int(),
  contacts: z.number().int(),
  services: z.number().int(),
});

export const applicationSummarySchema = z
  .object({
    id: z.string(),
    status: applicationStatusSchema,
    product: z.string(),
    customer: z.string().meta({ description: 'The bank’s customer reference (the token’s sub).' }),
    counts: applicationCountsSchema,
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

/** One hit of the AML screening at submission: who matched which list entry, and how well. */
export const screeningHitSchema = z
  .object({
    id: z.string(),
    subject: z.string().meta({ description: '`company`, `signatories/<i>` or `contacts/<i>`' }),
    subjectName: z.string(),
    matchedName: z.string(),
    entry: z.object({
      name: z.string(),
      aliases: z.array(z.string()),
      dateOfBirth: z.string().optional(),
      country: z.string().optional(),
      list: z.string(),
      reference: z.string(),
    }),
    score: z.number(),
    /** `open` until a reviewer clears it (not the listed party) or confirms it. */
    decision: z.enum(['open', 'cleared', 'confirmed']),
    decidedBy: z.string().optional(),
    decidedAt: z.number().int().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'ScreeningHit' });

export const hitDecisionSchema = z
  .strictObject({
    decision: z.enum(['cleared', 'confirmed']),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'HitDecision' });

export const applicationScreeningSchema = z
  .object({
    screenedAt: z.number().int(),
    threshold: z.number(),
    listEntries: z.number().int(),
    hits: z.array(screeningHitSchema),
  })
  .meta({ id: 'ApplicationScreening' });

export const applicationSchema = applicationSummarySchema
  .extend({
    steps: onboardingStepsSchema,
    /** Null when the tenant had loaded no list when it was submitted. */
    screening: applicationScreeningSchema.nullable(),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof applicationSchema>;

/** The types a document may be, decided from its bytes (never its name or declared type). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** The largest document upload: 10 MiB. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** `X-File-Name`, percent-decoded: display text, at most 200 characters. */
export const documentNameSchema = displayText(200);

export const documentUploadQuerySchema = z.object({
  kind: documentKindSchema.meta({ description: `One of ${DOCUMENT_KINDS.join(', ')}.` }),
});

/** An uploaded document as the customer's widget and the bank's backend see it. */
export const uploadedDocumentSchema = z
  .object({
    id: documentIdSchema,
    kind: documentKindSchema,
    name: z.string().nullable().meta({ description: 'The file name the customer gave, if any.' }),
    type: z.enum(DOCUMENT_TYPES),
    size: z.number().int(),
    sha256: z.string().meta({ description: 'SHA-256 of the bytes, lowercase hex.' }),
  })
  .meta({ id: 'UploadedDocument' });
export type UploadedDocument = z.infer<typeof uploadedDocumentSchema>;

/** One application as `GET /v1/applications/{id}` answers it: with its documents' metadata. */
export const applicationDetailSchema = applicationSchema
  .extend({ documents: z.array(uploadedDocumentSchema) })
  .meta({ id: 'ApplicationDetail' });

export const applicationListQuerySchema = z.object({
  status: applicationStatusSchema.optional(),
  createdFrom: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Created at or after (ms since epoch).' }),
  createdTo: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Created before (ms since epoch).' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const applicationListSchema = z
  .object({ items: z.array(applicationSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApplicationList' });

export const EXPORT_MAX_ROWS = 1000;

export const applicationExportQuerySchema = applicationListQuerySchema.extend({
  format: z.enum(['csv', 'json']).default('json'),
  limit: z.coerce.number().int().min(1).max(EXPORT_MAX_ROWS).default(EXPORT_MAX_ROWS),
});

export const applicationExportSchema = z
  .object({ items: z.array(applicationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApplicationExport' });

export const statusChangeSchema = z
  .strictObject({ status: applicationStatusSchema })
  .meta({ id: 'ApplicationStatusChange' });
