/** The tenants `.storybook/tenant-themes.ts` compiles when Storybook starts or builds. */
declare module 'virtual:gw-tenants' {
  import type { TenantTheme } from '../../.storybook/tenant-themes.js';

  export const TENANTS: TenantTheme[];
}
