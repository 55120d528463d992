// `npm run cem`: the Custom Elements Manifest, from the components' JSDoc headers. It feeds
// Storybook's docs and controls and ships in the npm package.
export default {
  globs: ['widgets/**/*.component.ts', 'widgets/core/gw-element.ts'],
  outdir: '.',
  litelement: true,
  // package.json already names the manifest; the analyzer would otherwise rewrite the field.
  packagejson: false,
  plugins: [
    {
      // `dispatchEvent(new GwQuoteChangeEvent(…))` shows up as a second, nameless event beside
      // the one the JSDoc documents; only the documented one belongs in the manifest.
      name: 'gw-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name);
          }
        }
      },
    },
    {
      // Private and protected members, `#fields` and statics are not the elements' API.
      name: 'gw-public-members-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter(
              (m) =>
                !m.static &&
                !m.name.startsWith('#') &&
                !['private', 'protected'].includes(m.privacy),
            );
          }
        }
      },
    },
  ],
};
