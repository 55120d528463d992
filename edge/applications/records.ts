/**
 * Applications between their stored and their answered shapes: counts kept in clear, the
 * step data sealed and opened under the tenant's data key, and the export's flat rows.
 */
import type {
  Application,
  ApplicationStatus,
  ApplicationSummary,
  Submission,
  UploadedDocument,
} from '../../contracts/applications.js';
import { type OnboardingSteps, onboardingStepsSchema } from '../../contracts/onboarding.js';
import type { DataKeys } from '../auth/data-keys.js';
import type { ApplicationRecord, UploadRecord } from '../store/types.js';

/** What a ciphertext is bound to: its tenant and its row. */
export const applicationBinding = (tenantId: string, id: string) => `application:${tenantId}:${id}`;
export const draftBinding = (tenantId: string, customer: string) => `draft:${tenantId}:${customer}`;
export const screeningBinding = (tenantId: string, id: string) => `screening:${tenantId}:${id}`;
/** An uploaded document's bytes, and its file name: the tenant, the customer and the upload. */
export const uploadBinding = (tenantId: string, customer: string, id: string) =>
  `upload:${tenantId}:${customer}:${id}`;
export const uploadNameBinding = (tenantId: string, customer: string, id: string) =>
  `upload-name:${tenantId}:${customer}:${id}`;
/** Where an upload's sealed bytes are in the blob store. */
export const uploadBlobKey = (tenantId: string, id: string) => `uploads/${tenantId}/${id}`;

/** An upload's metadata as answered, its file name opened. */
export async function documentOf(keys: DataKeys, u: UploadRecord): Promise<UploadedDocument> {
  const name = u.nameSealed
    ? await keys.open(u.tenantId, u.nameSealed, uploadNameBinding(u.tenantId, u.customer, u.id))
    : null;
  return {
    id: u.id,
    kind: u.kind as UploadedDocument['kind'],
    name,
    type: u.type as UploadedDocument['type'],
    size: u.size,
    sha256: u.sha256,
  };
}

/** The non-personal counts kept in clear beside the sealed steps. */
export const countsOf = (steps: Submission['steps']): ApplicationRecord['counts'] => ({
  signatories: steps.people.signatories.length,
  contacts: steps.people.contacts.length,
  services: steps.services?.services.length ?? 0,
});

export const summaryOf = (r: ApplicationRecord): ApplicationSummary => ({
  id: r.id,
  status: r.status as ApplicationStatus,
  product: r.product,
  customer: r.customer,
  counts: r.counts,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** The application in full, its step data opened (and parsed again, to keep old rows honest). */
export async function openApplication(keys: DataKeys, r: ApplicationRecord): Promise<Application> {
  const json = await keys.open(r.tenantId, r.sealed, applicationBinding(r.tenantId, r.id));
  const steps: OnboardingSteps = onboardingStepsSchema.parse(JSON.parse(json));
  const screening = r.screeningSealed
    ? (JSON.parse(
        await keys.open(r.tenantId, r.screeningSealed, screeningBinding(r.tenantId, r.id)),
      ) as Application['screening'])
    : null;
  return { ...summaryOf(r), steps, screening };
}

export const EXPORT_COLUMNS = [
  'id',
  'status',
  'product',
  'customer',
  'created_at',
  'updated_at',
  'legal_name',
  'entity_type',
  'registration_numbers',
  'incorporation_date',
  'country',
  'signatories',
  'signatory_emails',
  'contacts',
  'services',
  'politically_exposed',
  'sanctioned',
  'consent_given_at',
] as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** One export row per application, in `EXPORT_COLUMNS` order; lists joined by "; ". */
export function exportRow(a: Application): (string | number | boolean)[] {
  const { company, entityType, people, services, declarations } = a.steps;
  return [
    a.id,
    a.status,
    a.product,
    a.customer,
    iso(a.createdAt),
    iso(a.updatedAt),
    company.legalName,
    entityType.entityType,
    company.registrationNumbers.map((n) => `${n.scheme}:${n.value}`).join('; '),
    company.incorporationDate,
    company.registeredAddress.country,
    people.signatories.map((s) => s.fullName).join('; '),
    people.signatories.map((s) => s.email).join('; '),
    people.contacts.map((p) => `${p.fullName} <${p.email}>`).join('; '),
    (services?.services ?? []).join('; '),
    declarations.politicallyExposed,
    declarations.sanctioned,
    declarations.consent.givenAt,
  ];
}
