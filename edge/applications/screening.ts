/**
 * Screening a submission against the tenant's sanctions and PEP list (edge/screening): the
 * company, every signatory and every contact, by name, with date of birth and the company's
 * country where known. A hit at or above the tenant's threshold holds the application in
 * `needs_review`. The result names people, so it is sealed like the steps.
 */
import type { OnboardingSteps } from '../../contracts/onboarding.js';
import type { EdgeDeps } from '../deps.js';
import {
  DEFAULT_THRESHOLD,
  indexEntries,
  type ScreeningEntry,
  type ScreeningIndex,
  type ScreeningSubject,
  screen,
} from '../screening/index.js';

/** The list as the tenant stored it (document `screening-list`). */
export interface StoredScreeningList {
  entries: ScreeningEntry[];
  threshold: number;
}

export interface ApplicationHit {
  id: string;
  /** Which person or the company: `company`, `signatories/0`, `contacts/2` (JSON Pointer-like). */
  subject: string;
  subjectName: string;
  matchedName: string;
  entry: ScreeningEntry;
  score: number;
  decision: 'open' | 'cleared' | 'confirmed';
  decidedBy?: string;
  decidedAt?: number;
  note?: string;
}

export interface ApplicationScreening {
  screenedAt: number;
  threshold: number;
  /** How many list entries were screened against. */
  listEntries: number;
  hits: ApplicationHit[];
}

/** The tenant's list, indexed once per stored version (the index is the costly part). */
const indexes = new Map<string, { updatedAt: number; index: ScreeningIndex; threshold: number }>();
const MAX_INDEXES = 100;

export async function screeningListOf(
  deps: EdgeDeps,
  tenantId: string,
): Promise<{ index: ScreeningIndex; threshold: number } | undefined> {
  const stored = await deps.store.getDocument(tenantId, 'screening-list');
  if (!stored) return undefined;
  const known = indexes.get(tenantId);
  if (known && known.updatedAt === stored.updatedAt) return known;
  const list = JSON.parse(stored.json) as StoredScreeningList;
  const built = {
    updatedAt: stored.updatedAt,
    index: indexEntries(list.entries),
    threshold: list.threshold,
  };
  if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  indexes.set(tenantId, built);
  return built;
}

function subjectsOf(steps: OnboardingSteps): { path: string; subject: ScreeningSubject }[] {
  const country = steps.company.registeredAddress.country;
  return [
    { path: 'company', subject: { name: steps.company.legalName, country } },
    ...steps.people.signatories.map((s, i) => ({
      path: `signatories/${i}`,
      subject: { name: s.fullName, dateOfBirth: s.dateOfBirth },
    })),
    ...steps.people.contacts.map((p, i) => ({
      path: `contacts/${i}`,
      subject: { name: p.fullName },
    })),
  ];
}

export function screenSteps(
  steps: OnboardingSteps,
  list: { index: ScreeningIndex; threshold: number },
  at: number,
): ApplicationScreening {
  const hits: ApplicationHit[] = [];
  for (const { path, subject } of subjectsOf(steps)) {
    for (const hit of screen(subject, list.index, { threshold: list.threshold })) {
      hits.push({
        id: `hit_${hits.length + 1}`,
        subject: path,
        subjectName: subject.name,
        matchedName: hit.matchedName,
        entry: hit.entry,
        score: Math.round(hit.score * 1000) / 1000,
        decision: 'open',
      });
    }
  }
  return {
    screenedAt: at,
    threshold: list.threshold,
    listEntries: list.index.entries.length,
    hits,
  };
}

export { DEFAULT_THRESHOLD };
