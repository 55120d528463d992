/**
 * What `<gw-onboarding-form>` holds while a customer fills it in: every field as typed (strings
 * and booleans, never half-parsed values), and the conversions to what the edge takes — the
 * submission (contracts/applications.ts) and the draft, which keeps only the fields that already
 * pass their rule (the edge refuses a draft holding an invalid field, and a half-typed email
 * must not stop the rest from being saved).
 */
import type { Draft, Submission } from '../../contracts/applications.js';
import type { DraftSteps, OnboardingStep } from '../../contracts/onboarding.js';
import type { DocumentKind, RegistrationScheme } from '../../contracts/onboarding-lists.js';

export type Scheme = RegistrationScheme;

export interface RegistrationInput {
  scheme: Scheme;
  value: string;
}

export interface SignatoryInput {
  fullName: string;
  role: string;
  email: string;
  phone: string;
  dateOfBirth: string;
}

export interface ContactInput {
  fullName: string;
  email: string;
  phone: string;
}

export type { DocumentKind };

/** A document the edge accepted (`POST /v1/applications/documents`), as it answered. */
export interface UploadedDocument {
  id: string;
  kind: DocumentKind;
  name: string;
  type: string;
  size: number;
  sha256?: string;
}

export interface FormState {
  company: {
    legalName: string;
    registrationNumbers: RegistrationInput[];
    incorporationDate: string;
    line1: string;
    line2: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
  };
  entityType: string;
  signatories: SignatoryInput[];
  contacts: ContactInput[];
  services: string[];
  quoteId: string;
  documents: UploadedDocument[];
  politicallyExposed: boolean | undefined;
  sanctioned: boolean | undefined;
  consentAccepted: boolean;
  /** When the consent box was ticked (ISO 8601), kept with the text shown then. */
  consentGivenAt: string;
  consentText: string;
}

/**
 * The steps the form walks through: the data steps, then review (which submits). Documents
 * (uploads, accepted by the edge since migration 0008) are not one of the form's steps yet.
 */
export type FormStep = OnboardingStep | 'review';
export const FORM_STEPS: readonly FormStep[] = [
  'company',
  'entityType',
  'people',
  'services',
  'documents',
  'declarations',
  'review',
];

export const emptySignatory = (): SignatoryInput => ({
  fullName: '',
  role: '',
  email: '',
  phone: '',
  dateOfBirth: '',
});
export const emptyContact = (): ContactInput => ({ fullName: '', email: '', phone: '' });

export function emptyState(country = 'IN'): FormState {
  return {
    company: {
      legalName: '',
      registrationNumbers: [{ scheme: country === 'GB' ? 'uk-company-number' : 'cin', value: '' }],
      incorporationDate: '',
      line1: '',
      line2: '',
      city: '',
      region: '',
      postalCode: '',
      country,
    },
    entityType: '',
    signatories: [emptySignatory()],
    contacts: [],
    services: [],
    quoteId: '',
    documents: [],
    politicallyExposed: undefined,
    sanctioned: undefined,
    consentAccepted: false,
    consentGivenAt: '',
    consentText: '',
  };
}

const trimmed = (value: string) => value.trim();
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/**
 * The submission for a state whose every step passed validation (`phones` holds each phone
 * field's E.164, keyed by field path, as the check produced it).
 */
export function toSubmission(
  state: FormState,
  product: string,
  steps: readonly FormStep[],
  phones: ReadonlyMap<string, string>,
): Submission {
  const c = state.company;
  const submission = {
    product,
    steps: {
      company: {
        legalName: trimmed(c.legalName),
        registrationNumbers: c.registrationNumbers.map((n) => ({
          scheme: n.scheme,
          value: trimmed(n.value),
        })),
        incorporationDate: c.incorporationDate,
        registeredAddress: {
          line1: trimmed(c.line1),
          line2: optional(c.line2),
          city: trimmed(c.city),
          region: optional(c.region),
          postalCode: trimmed(c.postalCode),
          country: c.country,
        },
      },
      entityType: { entityType: state.entityType },
      people: {
        signatories: state.signatories.map((s, i) => ({
          fullName: trimmed(s.fullName),
          role: trimmed(s.role),
          email: trimmed(s.email),
          phone: phones.get(`signatories.${i}.phone`) ?? trimmed(s.phone),
          dateOfBirth: optional(s.dateOfBirth),
        })),
        contacts: state.contacts.map((p, i) => ({
          fullName: trimmed(p.fullName),
          email: trimmed(p.email),
          phone: optional(p.phone) && (phones.get(`contacts.${i}.phone`) ?? trimmed(p.phone)),
        })),
      },
      services: steps.includes('services')
        ? { services: [...state.services], quoteId: optional(state.quoteId) }
        : undefined,
      documents:
        steps.includes('documents') && state.documents.length > 0
          ? { documents: state.documents.map((d) => ({ id: d.id, kind: d.kind })) }
          : undefined,
      declarations: {
        politicallyExposed: state.politicallyExposed === true,
        sanctioned: state.sanctioned === true,
        consent: {
          accepted: true as const,
          text: state.consentText,
          givenAt: state.consentGivenAt,
        },
      },
    },
  };
  return JSON.parse(JSON.stringify(submission)) as Submission; // drops the undefined fields
}

/**
 * The draft for the edge: each field only if `valid(path)` says it passes its rule (paths as
 * the validator names them, e.g. `company.legalName`, `signatories.0.email`).
 */
export function toDraft(
  state: FormState,
  product: string,
  step: FormStep,
  valid: (path: string) => boolean,
  phones: ReadonlyMap<string, string> = new Map(),
): Draft {
  const keep = <T>(path: string, value: T): T | undefined => (valid(path) ? value : undefined);
  const c = state.company;
  const address = {
    line1: keep('company.line1', trimmed(c.line1)),
    line2: keep('company.line2', optional(c.line2)),
    city: keep('company.city', trimmed(c.city)),
    region: keep('company.region', optional(c.region)),
    postalCode: keep('company.postalCode', trimmed(c.postalCode)),
    country: keep('company.country', c.country),
  };
  const steps: DraftSteps = {
    company: {
      legalName: keep('company.legalName', trimmed(c.legalName)),
      registrationNumbers: nonEmpty(
        c.registrationNumbers
          .filter((_, i) => valid(`company.registrationNumbers.${i}.value`))
          .map((n) => ({ scheme: n.scheme, value: trimmed(n.value) })),
      ),
      incorporationDate: keep('company.incorporationDate', c.incorporationDate),
      registeredAddress: address,
    },
    entityType: { entityType: keep('entityType', state.entityType) as never },
    people: {
      signatories: state.signatories.map((s, i) => ({
        fullName: keep(`signatories.${i}.fullName`, trimmed(s.fullName)),
        role: keep(`signatories.${i}.role`, trimmed(s.role)),
        email: keep(`signatories.${i}.email`, trimmed(s.email)),
        phone: keep(`signatories.${i}.phone`, phones.get(`signatories.${i}.phone`)),
        dateOfBirth: keep(`signatories.${i}.dateOfBirth`, optional(s.dateOfBirth)),
      })),
      contacts: state.contacts.map((p, i) => ({
        fullName: keep(`contacts.${i}.fullName`, trimmed(p.fullName)),
        email: keep(`contacts.${i}.email`, trimmed(p.email)),
        phone: keep(`contacts.${i}.phone`, phones.get(`contacts.${i}.phone`)),
      })),
    },
    services: {
      services: state.services.length > 0 ? [...state.services] : undefined,
      quoteId: keep('quoteId', optional(state.quoteId)),
    },
    documents: {
      documents: nonEmpty(state.documents.map((d) => ({ id: d.id, kind: d.kind }))),
    },
    declarations: {
      politicallyExposed: state.politicallyExposed,
      sanctioned: state.sanctioned,
      consent: state.consentAccepted
        ? { accepted: true, text: state.consentText, givenAt: state.consentGivenAt }
        : undefined,
    },
  };
  return JSON.parse(JSON.stringify({ product, step, steps })) as Draft;
}

/** A list the draft schema takes only with at least one item. */
const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

/** The form state a saved draft resumes with (fields it lacks stay empty). */
export function fromDraft(draft: Draft, base: FormState): FormState {
  const s = draft.steps;
  const c = s.company ?? {};
  const a = c.registeredAddress ?? {};
  const d = s.declarations ?? {};
  const state = structuredClone(base);
  Object.assign(state.company, {
    legalName: c.legalName ?? '',
    incorporationDate: c.incorporationDate ?? '',
    line1: a.line1 ?? '',
    line2: a.line2 ?? '',
    city: a.city ?? '',
    region: a.region ?? '',
    postalCode: a.postalCode ?? '',
    country: a.country ?? base.company.country,
  });
  if (c.registrationNumbers?.length)
    state.company.registrationNumbers = c.registrationNumbers.map((n) => ({ ...n }));
  state.entityType = s.entityType?.entityType ?? '';
  if (s.people?.signatories?.length)
    state.signatories = s.people.signatories.map((p) => ({ ...emptySignatory(), ...p }));
  state.contacts = (s.people?.contacts ?? []).map((p) => ({ ...emptyContact(), ...p }));
  state.services = s.services?.services ?? base.services;
  state.quoteId = s.services?.quoteId ?? base.quoteId;
  // The edge's draft keeps ids and kinds; the name and size are this tab's (shown as unknown).
  state.documents = (s.documents?.documents ?? []).flatMap((d) =>
    d.id && d.kind ? [{ id: d.id, kind: d.kind, name: d.id, type: '', size: 0 }] : [],
  );
  state.politicallyExposed = d.politicallyExposed;
  state.sanctioned = d.sanctioned;
  state.consentAccepted = d.consent?.accepted === true;
  state.consentGivenAt = d.consent?.givenAt ?? '';
  state.consentText = d.consent?.text ?? '';
  return state;
}
