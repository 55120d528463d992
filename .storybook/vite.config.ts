/**
 * Storybook's own Vite config (the repo's vite.config.ts builds the widget bundles, with entry
 * points and an output folder Storybook must not inherit): the tenants' themes, compiled by the
 * real engine.
 */
import { defineConfig } from 'vite';
import { tenantThemes } from './tenant-themes.js';

export default defineConfig({ plugins: [tenantThemes()] });
