/** A tenant's brand: the draft, the immutable published versions and which one is current. */
import type { AuditEntry, BrandingDraft, ThemeVersion, ThemeVersionSummary } from '../types.js';

export interface BrandingStore {
  saveDraft(draft: BrandingDraft, audit: AuditEntry): Promise<void>;
  getDraft(tenantId: string): Promise<BrandingDraft | undefined>;
  /** Stores an immutable version numbered after the last (`max + 1`) and makes it current. */
  publishTheme(version: Omit<ThemeVersion, 'version'>, audit: AuditEntry): Promise<ThemeVersion>;
  listThemeVersions(tenantId: string): Promise<ThemeVersionSummary[]>;
  getThemeVersion(tenantId: string, id: string): Promise<ThemeVersion | undefined>;
  getThemeVersionByHash(tenantId: string, hash: string): Promise<ThemeVersion | undefined>;
  getCurrentTheme(tenantId: string): Promise<ThemeVersion | undefined>;
  /** False when the tenant has no version with this id. */
  setCurrentTheme(tenantId: string, versionId: string, audit: AuditEntry): Promise<boolean>;
}
