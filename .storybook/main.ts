/**
 * Storybook for designers: every widget in every tenant theme, mode, locale and direction.
 * Runs offline: no telemetry, no update checks; MSW's service worker is served from ./public.
 */
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // After Storybook's own settings: its preview (axe, the docs renderer) is large by nature and
  // is not what ships to a bank, so a quiet build.
  viteFinal: (vite) => ({
    ...vite,
    logLevel: 'warn',
    build: { ...vite.build, chunkSizeWarningLimit: 5000, reportCompressedSize: false },
  }),
};

export default config;
