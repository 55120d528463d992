// The Custom Elements Manifest is generated from the components' JSDoc headers: every widget
// documents its tag, events, parts and CSS custom properties there (STYLE rule 3).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PANEL_PARTS } from '../../widgets/support-chat/panel-parts.js';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  attributes?: { name: string }[];
}

/** The parts of the loading, empty, error and offline states every widget shares. */
const SHARED_STATE_PARTS = [
  'loading',
  'skeleton',
  'state',
  'empty-state',
  'error-state',
  'offline-state',
  'state-title',
  'state-body',
  'retry-button',
];

test('the manifest documents every widget: tag, events, parts and component tokens', () => {
  // Exactly what `npm run cem` runs (custom-elements-manifest.config.mjs), into the same
  // git-ignored file at the repo root, which Storybook's docs read.
  const dir = '.';
  {
    const run = spawnSync(
      process.execPath,
      ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze'],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as {
      modules: { declarations?: Declaration[] }[];
    };
    const elements = new Map(
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.customElement && d.tagName)
        .map((d) => [d.tagName as string, d]),
    );
    for (const [tag, events] of [
      ['gw-service-catalog', ['gw-service-select']],
      ['gw-pricing-calculator', ['gw-quote-change', 'gw-quote-accept']],
      ['gw-onboarding-form', ['gw-step-change', 'gw-submit', 'gw-application-submitted']],
      [
        'gw-support-chat',
        ['gw-chat-open', 'gw-chat-close', 'gw-message-sent', 'gw-message-received', 'gw-load'],
      ],
    ] as const) {
      const element = elements.get(tag);
      assert.ok(element, `${tag} is in the manifest`);
      const names = (element.events ?? []).map((e) => e.name);
      for (const event of events) assert.ok(names.includes(event), `${tag} documents ${event}`);
      assert.ok(names.every(Boolean), `${tag}: every event in the manifest has a name`);
      // Inherited from the base class: how a widget is pointed at an edge without a provider.
      const attributes = (element.attributes ?? []).map((a) => a.name);
      for (const name of ['publishable-key', 'api', 'locale', 'mode'])
        assert.ok(attributes.includes(name), `${tag} documents the ${name} attribute`);
      assert.ok((element.cssParts ?? []).length >= 3, `${tag} documents its parts`);
      // The kit's shared states: one template, the same part names in every widget.
      const parts = (element.cssParts ?? []).map((p) => p.name);
      for (const part of SHARED_STATE_PARTS)
        assert.ok(parts.includes(part), `${tag} documents the shared state part ${part}`);
      assert.ok(
        (element.cssProperties ?? []).some((p) => p.name.startsWith(`--gw-${tag.slice(3)}-`)),
        `${tag} documents its component tokens`,
      );
    }
    // The support chat's panel exports its parts through the launcher: each one is documented.
    const chatParts = (elements.get('gw-support-chat')?.cssParts ?? []).map((p) => p.name);
    for (const part of PANEL_PARTS)
      assert.ok(chatParts.includes(part), `gw-support-chat documents the panel's part ${part}`);
    const provider = elements.get('gw-provider');
    assert.ok(provider, 'gw-provider is in the manifest');
    assert.deepEqual(
      (provider.attributes ?? []).map((a) => a.name),
      ['publishable-key', 'api', 'locale', 'dir', 'mode'],
    );
  }
});
