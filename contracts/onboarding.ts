/**
 * The onboarding steps: one zod schema per step, shared by `<gw-onboarding-form>` and the edge
 * (which validates drafts and submissions with them). Imports only zod and the shared
 * primitives.
 *
 * Registration numbers and phone numbers get their country-aware rules from the registration
 * checks (India's CIN, GSTIN and PAN with their check characters, a UK company number) and
 * `contracts/phone.ts` (E.164 through libphonenumber-js); values come out normalised.
 */
import { z } from 'zod';
import {
  checkRegistrationNumber,
  DOCUMENT_KINDS,
  ENTITY_TYPES,
  REGISTRATION_SCHEMES,
} from './onboarding-lists.js';
import { phoneSchema } from './phone.js';
import { displayText, idSchema, regionSchema } from './primitives.js';
import { panOfGstin } from './registration-india.js';

export { DOCUMENT_KINDS, ENTITY_TYPES, REGISTRATION_SCHEMES };

/** The steps with data, in the order the form shows them (review and submit hold none). */
export const ONBOARDING_STEPS = [
  'company',
  'entityType',
  'people',
  'services',
  'documents',
  'declarations',
] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** A short code-like value: trimmed, printable, bounded. */
const codeText = (max: number) => displayText(max);

export const registrationNumberSchema = z
  .strictObject({
    scheme: z.enum(REGISTRATION_SCHEMES),
    value: z.string().trim().min(1).max(40),
  })
  .transform((number, ctx) => {
    if (number.scheme === 'other') return number;
    const checked = checkRegistrationNumber(number.scheme, number.value);
    if (checked.ok) return { scheme: number.scheme, value: checked.value };
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: checked.message,
      params: { code: checked.code },
    });
    return z.NEVER;
  });

export const addressSchema = z.strictObject({
  line1: displayText(120),
  line2: displayText(120).optional(),
  city: displayText(80),
  region: displayText(80).optional(),
  postalCode: codeText(16),
  country: regionSchema,
});

const companyFields = z.strictObject({
  legalName: displayText(160),
  registrationNumbers: z.array(registrationNumberSchema).min(1).max(5),
  incorporationDate: z.iso.date(),
  registeredAddress: addressSchema,
});

export const companyStepSchema = companyFields
  .superRefine((company, ctx) => {
    // The PAN inside a GSTIN is the holder's: it must be the PAN given beside it.
    const numbers = company.registrationNumbers;
    const pan = numbers.find((n) => n.scheme === 'pan')?.value;
    numbers.forEach((n, i) => {
      if (n.scheme === 'gstin' && pan && panOfGstin(n.value) !== pan)
        ctx.addIssue({
          code: 'custom',
          path: ['registrationNumbers', i, 'value'],
          message: 'GSTIN: the PAN inside it (characters 3 to 12) is not the PAN given',
          params: { code: 'gstin-pan-mismatch' },
        });
    });
  })
  .meta({ id: 'CompanyStep' });

export const entityTypeStepSchema = z
  .strictObject({ entityType: z.enum(ENTITY_TYPES) })
  .meta({ id: 'EntityTypeStep' });

const email = z.string().trim().max(254).pipe(z.email());
/** International format (+…), out as E.164; the form turns national input into it. */
const phone = phoneSchema();

export const signatorySchema = z.strictObject({
  fullName: displayText(120),
  role: displayText(80),
  email,
  phone,
  dateOfBirth: z.iso.date().optional(),
});

export const contactSchema = z.strictObject({
  fullName: displayText(120),
  email,
  phone: phone.optional(),
});

export const peopleStepSchema = z
  .strictObject({
    signatories: z.array(signatorySchema).min(1).max(10),
    contacts: z.array(contactSchema).max(10).default([]),
  })
  .meta({ id: 'PeopleStep' });

export const servicesStepSchema = z
  .strictObject({
    services: z.array(idSchema).min(1).max(20),
    /** The quote the customer accepted in the pricing calculator, if any. */
    quoteId: z
      .string()
      .regex(/^quo_[A-Za-z0-9]{1,40}$/)
      .optional(),
  })
  .meta({ id: 'ServicesStep' });

export type ApplicationDocumentKind = (typeof DOCUMENT_KINDS)[number];
export const documentKindSchema = z.enum(DOCUMENT_KINDS);

/** An upload's id, as `POST /v1/applications/documents` answered it. */
export const DOCUMENT_ID_PATTERN = /^doc_[A-Za-z0-9]{20}$/;
export const documentIdSchema = z.string().regex(DOCUMENT_ID_PATTERN, 'a document id');

/** The most documents one application carries. */
export const MAX_APPLICATION_DOCUMENTS = 20;

const documentRefSchema = z.strictObject({ id: documentIdSchema, kind: documentKindSchema });

export const documentsStepSchema = z
  .strictObject({
    documents: z
      .array(documentRefSchema)
      .min(1)
      .max(MAX_APPLICATION_DOCUMENTS)
      .superRefine((documents, ctx) => {
        const seen = new Set<string>();
        documents.forEach((d, i) => {
          if (seen.has(d.id))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'id'],
              message: 'the same document is listed twice',
              params: { code: 'duplicate-document' },
            });
          seen.add(d.id);
        });
      }),
  })
  .meta({ id: 'DocumentsStep' });

export const declarationsStepSchema = z
  .strictObject({
    politicallyExposed: z.boolean().meta({ description: 'Self-declared PEP (or related to one).' }),
    sanctioned: z.boolean().meta({ description: 'Self-declared as on a sanctions list.' }),
    consent: z.strictObject({
      accepted: z.literal(true),
      /** The consent text exactly as the customer was shown it. */
      text: displayText(4000),
      /** When the customer gave it (ISO 8601 with offset or Z). */
      givenAt: z.iso.datetime({ offset: true }),
    }),
  })
  .meta({ id: 'DeclarationsStep' });

/** A whole application's step data, as submitted. */
export const onboardingStepsSchema = z
  .strictObject({
    company: companyStepSchema,
    entityType: entityTypeStepSchema,
    people: peopleStepSchema,
    services: servicesStepSchema.optional(),
    /** Documents uploaded beforehand (`POST /v1/applications/documents`), by id. */
    documents: documentsStepSchema.optional(),
    declarations: declarationsStepSchema,
  })
  .meta({ id: 'OnboardingSteps' });
export type OnboardingSteps = z.infer<typeof onboardingStepsSchema>;

/**
 * Step data as a draft holds it: every step optional and every field in it optional (a step
 * half filled in), but each field that is there already follows its rule.
 */
export const draftStepsSchema = z
  .strictObject({
    company: companyFields
      .extend({ registeredAddress: addressSchema.partial().optional() })
      .partial()
      .optional(),
    entityType: entityTypeStepSchema.partial().optional(),
    people: z
      .strictObject({
        signatories: z.array(signatorySchema.partial()).max(10).optional(),
        contacts: z.array(contactSchema.partial()).max(10).optional(),
      })
      .optional(),
    services: servicesStepSchema.partial().optional(),
    documents: z
      .strictObject({
        documents: z.array(documentRefSchema.partial()).max(MAX_APPLICATION_DOCUMENTS).optional(),
      })
      .optional(),
    declarations: declarationsStepSchema
      .extend({ consent: declarationsStepSchema.shape.consent.partial().optional() })
      .partial()
      .optional(),
  })
  .meta({ id: 'DraftSteps' });
export type DraftSteps = z.infer<typeof draftStepsSchema>;
