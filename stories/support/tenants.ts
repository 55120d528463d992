/**
 * The tenants of Storybook's toolbar: the four theme presets and the demo bank, compiled by the
 * real engine. A story's provider carries the tenant in its publishable key, as a bank's page
 * would, and the mock edge answers for the tenant the key names.
 */
import { TENANTS } from 'virtual:gw-tenants';
import type { TenantTheme } from '../../.storybook/tenant-themes.js';
import type { WidgetScope } from '../../contracts/tokens.js';

export type { TenantTheme };
export { TENANTS };

export const DEFAULT_TENANT = 'gridworks';

export function tenant(slug: string): TenantTheme {
  const found =
    TENANTS.find((t) => t.slug === slug) ?? TENANTS.find((t) => t.slug === DEFAULT_TENANT);
  if (!found) throw new Error(`no tenant ${slug}`);
  return found;
}

const KEY_PREFIX = 'pk_test_';

export const publishableKeyOf = (slug: string) => `${KEY_PREFIX}${slug}`;

/** The tenant a credential belongs to: a publishable key, or a widget token's `tid` claim. */
export function tenantOfCredential(credential: string | null): TenantTheme | undefined {
  if (!credential) return undefined;
  if (credential.startsWith(KEY_PREFIX)) {
    return TENANTS.find((t) => t.slug === credential.slice(KEY_PREFIX.length));
  }
  try {
    const body = (credential.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const payload = JSON.parse(atob(body)) as { tid?: unknown };
    return TENANTS.find((t) => t.slug === payload.tid);
  } catch {
    return undefined;
  }
}

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * A stand-in for the widget token a bank's backend would mint (`POST /v1/tokens`): the same
 * shape and claims, unsigned — only the mock edge reads it. It expires in 2100, so the widgets
 * never ask for another.
 */
export function fakeWidgetToken(slug: string): string {
  const header = { alg: 'EdDSA', typ: 'gw-widget+jwt', kid: 'storybook' };
  const claims = {
    iss: 'https://edge.storybook.example',
    aud: 'gridworks-widgets',
    tid: slug,
    sub: 'customer-42',
    scp: ['config:read', 'catalog:read', 'pricing:read', 'quotes:write'] satisfies WidgetScope[],
    exp: Date.UTC(2100, 0, 1) / 1000,
  };
  return `${base64url(header)}.${base64url(claims)}.storybook`;
}
